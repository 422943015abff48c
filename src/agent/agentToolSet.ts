// The tools of a conversation as the loop uses them: by name for running, and as API definitions
// for requests. The set can change between requests (an MCP server's list changed); the definitions
// are converted once per set, not once per request.
import type { ToolDefinition } from '../model/types.js';
import { toolInputJsonSchema } from '../tools/jsonSchema.js';
import type { AnyTool } from '../tools/types.js';

interface ConvertedTools {
  source: readonly AnyTool[];
  byName: Map<string, AnyTool>;
  definitions: ToolDefinition[];
}

export class AgentToolSet {
  private converted: ConvertedTools;

  /** `provider`, when given, is asked before each use and supersedes `tools`; it should answer the same array while nothing changed. */
  constructor(
    tools: readonly AnyTool[],
    private readonly provider?: () => readonly AnyTool[],
  ) {
    this.converted = convert(tools);
  }

  get byName(): Map<string, AnyTool> {
    return this.current().byName;
  }

  get definitions(): ToolDefinition[] {
    return this.current().definitions;
  }

  private current(): ConvertedTools {
    const source = this.provider?.() ?? this.converted.source;
    if (source !== this.converted.source) this.converted = convert(source);
    return this.converted;
  }
}

function convert(tools: readonly AnyTool[]): ConvertedTools {
  return {
    source: tools,
    byName: new Map(tools.map((tool) => [tool.name, tool])),
    definitions: tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: toolInputJsonSchema(tool) })),
  };
}
