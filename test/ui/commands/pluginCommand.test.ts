import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPluginListing } from '../../../src/extensions/plugins/pluginListing.js';
import { runSlashCommand } from '../../../src/ui/commands/slashCommands.js';
import { emptyCommandContext } from './emptyCommandContext.js';

const plugin = {
  id: 'myplugin@team',
  name: 'myplugin',
  root: '/home/u/.wright/plugins/cache/team/myplugin',
  manifest: { name: 'myplugin', version: '1.2.0', description: 'A test plugin', commands: [], agents: [], skills: [], outputStyles: [] },
};

describe('/plugin', () => {
  it("prints the session's plugins with id, version, directory and description", () => {
    const outcome = runSlashCommand('/plugin', emptyCommandContext({ plugins: () => formatPluginListing([plugin]) }));
    assert.equal(outcome?.kind, 'print');
    const text = (outcome as { text: string }).text;
    assert.match(text, /^Plugins:\n {2}myplugin@team v1\.2\.0 {2}\/home\/u\/\.wright\/plugins\/cache\/team\/myplugin\n {6}A test plugin\n/);
  });

  it('says how to get plugins when none are loaded', () => {
    assert.match(formatPluginListing([]), /No plugins are loaded\. Install one with `wright plugin install/);
  });
});
