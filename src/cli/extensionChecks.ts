// `wright doctor` on what a folder and the user's settings bring in: whether the folder is trusted
// (interactive wright asks before using its configuration) and whether the enabled plugins load.
import type { MergedSettings } from '../config/settings.js';
import { isFolderTrusted, projectConfigurationFound, trustIsRemembered } from '../config/workspaceTrust.js';
import { pluginAdmission } from '../extensions/plugins/pluginSignature.js';
import type { DoctorCheck } from './doctorChecks.js';
import { loadSessionPlugins } from './sessionPlugins.js';

export function trustCheck(projectRoot: string, configDir: string, home: string): DoctorCheck {
  const found = projectConfigurationFound(projectRoot, home);
  if (found.length === 0) return { name: 'workspace trust', status: 'ok', detail: 'this folder configures nothing that needs trust' };
  if (isFolderTrusted(projectRoot, configDir)) return { name: 'workspace trust', status: 'ok', detail: `${projectRoot} is trusted (${found.join(', ')})` };
  const when = trustIsRemembered(projectRoot, home) ? 'on its next interactive start' : 'on every interactive start';
  return { name: 'workspace trust', status: 'ok', detail: `not trusted yet: wright will ask ${when} before using ${found.join(', ')}` };
}

export function pluginsCheck(settings: MergedSettings, inputs: { configDir: string; home: string; cwd: string }): DoctorCheck {
  const loaded = loadSessionPlugins({ ...inputs, enabledPlugins: settings.enabledPlugins, pluginDirs: [], admit: pluginAdmission(settings) });
  const names = loaded.plugins.map((plugin) => plugin.id).join(', ');
  const problems = [...loaded.warnings, ...loaded.invocables.warnings];
  if (problems.length > 0) return { name: 'plugins', status: 'warn', detail: `${loaded.plugins.length} loaded${names ? ` (${names})` : ''}; ${problems.join(' ')}` };
  return { name: 'plugins', status: 'ok', detail: loaded.plugins.length === 0 ? 'none enabled' : `${loaded.plugins.length} loaded: ${names}` };
}
