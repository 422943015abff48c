// Custom commands and skills for one session: loaded from the user's and the project's folders, the
// Skill tool and its permission rule, the skill listing for the model, and the per-turn scopes
// (allowed-tools, model). The front ends call `prepareUserInvocation` for `/name args`.
import type { CanUseTool } from '../agent/executeToolCall.js';
import { resolveModelAlias } from '../model/modelConfig.js';
import type { ModelClient } from '../model/types.js';
import { evaluatePermission } from '../permissions/evaluatePermission.js';
import type { PermissionPolicy } from '../permissions/types.js';
import { bashTool } from '../tools/bashTool.js';
import type { AnyTool, ToolContext, ToolResult } from '../tools/types.js';
import { loadCommands, type LoadedDefinitions } from '../extensions/commands/commandFiles.js';
import { expandBody, invocationPrompt, type ShellAccess } from '../extensions/commands/expandInvocation.js';
import { extensionDirectories, type ExtensionRoots } from '../extensions/commands/extensionRoots.js';
import type { InvocableDefinition } from '../extensions/commands/invocable.js';
import { InvocableRegistry } from '../extensions/commands/invocableRegistry.js';
import { SwitchableModelClient } from '../extensions/commands/turnModel.js';
import { TurnScopes, type TurnScope } from '../extensions/commands/turnScopes.js';
import { loadSkills } from '../extensions/skills/skillFiles.js';
import { skillListingReminder } from '../extensions/skills/skillListing.js';
import { skillAwareCanUseTool } from '../extensions/skills/skillPermission.js';
import { createSkillTool } from '../extensions/skills/skillTool.js';

export type PreparedInvocation = { ok: true; prompt: string; scope: TurnScope; notes: string[] } | { ok: false; error: string };

export interface SessionCustomizations {
  registry: InvocableRegistry;
  scopes: TurnScopes;
  /** The model client the agent should use: the session's, switchable per turn. */
  modelClient: ModelClient;
  /** The Skill tool, when there is anything for the model to load. */
  tools: AnyTool[];
  /** Names and descriptions for the model, or null. */
  listing: string | null;
  /** Invalid skills, shadowed names, unreadable files. */
  warnings: string[];
  /** Wraps the front end's permission gate: skills without allowed-tools load without asking. */
  gate(inner: CanUseTool): CanUseTool;
  /**
   * Expands `/name args` typed by the user. Its `!` blocks are checked with `canUseTool` (the TUI
   * asks, print mode refuses) with the definition's allowed-tools in force.
   */
  prepareUserInvocation(definition: InvocableDefinition, args: string, canUseTool: CanUseTool, signal: AbortSignal): Promise<PreparedInvocation>;
}

export interface CustomizationInputs {
  roots: ExtensionRoots;
  policy: PermissionPolicy;
  client: ModelClient;
  env: Record<string, string | undefined>;
  /** What the `!` blocks run with (the Bash tool's context). */
  toolContext: Omit<ToolContext, 'signal'>;
  /** Enabled plugins' commands and skills (namespaced; they lose a clash with the user's and the project's). */
  pluginDefinitions?: LoadedDefinitions;
}

export function loadSessionCustomizations(inputs: CustomizationInputs): SessionCustomizations {
  const skills = loadSkills(extensionDirectories(inputs.roots, 'skills'));
  const commands = loadCommands(extensionDirectories(inputs.roots, 'commands'));
  const plugins = inputs.pluginDefinitions ?? { definitions: [], warnings: [] };
  const registry = new InvocableRegistry([...skills.definitions, ...commands.definitions, ...plugins.definitions]);
  const modelClient = new SwitchableModelClient(inputs.client);
  const scopes = new TurnScopes(inputs.policy, inputs.roots.projectRoot, modelClient);
  const { policy } = inputs;
  const run: ShellAccess['run'] = async (command, signal) => {
    const result = await bashTool.run({ command }, { ...inputs.toolContext, signal });
    return { output: resultText(result), failed: result.isError === true };
  };
  const sourceOf = (definition: InvocableDefinition) => `/${definition.name} allowed-tools (${definition.path})`;
  // The model cannot be asked whether to run a skill's `!` blocks: only what the rules allow runs.
  const modelShell: ShellAccess = {
    run,
    check: async (command) => {
      const decision = evaluatePermission({ toolName: 'Bash', input: { command }, isReadOnly: bashTool.isReadOnly({ command }) }, policy);
      return decision.behavior === 'ask' ? { ...decision, behavior: 'deny', reason: `${decision.reason} It needs approval, which cannot be asked for while a skill loads.` } : decision;
    },
  };
  const skillTools = registry.modelInvocable().length > 0
    ? [
        createSkillTool({
          registry,
          scopes,
          expand: (definition, args, signal) =>
            scopes.withRules(definition.allowedTools, sourceOf(definition), () => expandBody(definition, args, { cwd: inputs.toolContext.cwd, shell: modelShell, signal })),
        }),
      ]
    : [];
  return {
    registry,
    scopes,
    modelClient,
    tools: skillTools,
    listing: skillListingReminder(registry.modelInvocable()),
    warnings: [...skills.warnings, ...commands.warnings, ...plugins.warnings, ...registry.warnings],
    gate: (inner) => skillAwareCanUseTool(inner, policy, registry),
    async prepareUserInvocation(definition, args, canUseTool, signal) {
      const shell: ShellAccess = { run, check: (command, abort) => canUseTool(bashTool, { command }, { toolUseId: `command-${definition.name}`, signal: abort }) };
      const expansion = await scopes.withRules(definition.allowedTools, sourceOf(definition), () =>
        expandBody(definition, args, { cwd: inputs.toolContext.cwd, shell, signal }),
      );
      if (!expansion.ok) return expansion;
      const notes: string[] = [];
      const model = definition.model === undefined ? undefined : turnModel(definition.model, inputs.client.provider, inputs.env);
      if (definition.model !== undefined && model === undefined) {
        notes.push(`/${definition.name} asks for the model ${definition.model}, a Claude model; this session talks to an OpenAI-compatible provider, so its own model answers.`);
      }
      return {
        ok: true,
        prompt: invocationPrompt(definition, args, expansion.text),
        scope: { allowedTools: definition.allowedTools, source: sourceOf(definition), ...(model !== undefined ? { model } : {}) },
        notes,
      };
    },
  };
}

/** The model id a definition's `model:` names for this provider; undefined when it cannot apply. */
export function turnModel(name: string, provider: ModelClient['provider'], env: Record<string, string | undefined>): string | undefined {
  if (provider === 'anthropic') return resolveModelAlias(name, env);
  const claude = resolveModelAlias(name, env) !== name || /^claude-/i.test(name.trim());
  return claude ? undefined : name.trim();
}

function resultText(result: ToolResult): string {
  return typeof result.content === 'string' ? result.content : result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}
