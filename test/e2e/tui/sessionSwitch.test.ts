// End-to-end: /clear starts a fresh session and /resume brings an earlier one back, inside one run
// of the interactive UI; /model continues the same conversation with another model.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

const messagesText = (body: any) => JSON.stringify(body.messages);

test('/clear, /resume and /model switch sessions without leaving wright', { skip }, async () => {
  const workspace = makeWorkspace();
  const tui = startTui(workspace, server);
  const send = async (line: string) => {
    tui.type(line);
    await tui.waitFor(`> ${line}`, 30_000, { history: false });
    tui.keys('Enter');
  };
  // A new session prints its banner again; the old one may still be on screen, so count them.
  const banners = (model: string) => tui.screen({ history: true }).split(`wright · ${model}`).length - 1;
  const newSession = async (model: string, before: number) => {
    const deadline = Date.now() + 30_000;
    while (banners(model) <= before) {
      if (Date.now() > deadline) throw new Error(`no new session banner for ${model}:\n${tui.screen({ history: true })}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await tui.waitFor(/default mode/, 30_000, { history: false });
  };
  const first = server.requests.length;
  server.push(reply([text('Noted the apples.')]), reply([text('Noted the pears.')]), reply([text('You mentioned apples.')]), reply([text('Still apples.')]));
  try {
    await tui.waitFor(/default mode/, 30_000);
    await send('remember apples');
    await tui.waitFor('Noted the apples.', 30_000);
    const beforeClear = banners('claude-sonnet-5-5');
    await send('/clear');
    await newSession('claude-sonnet-5-5', beforeClear);
    await send('remember pears');
    await tui.waitFor('Noted the pears.', 30_000);
    // The fresh session did not carry the apples over.
    assert.doesNotMatch(messagesText(server.requests[first + 1]!.body), /apples/);

    await send('/resume');
    await tui.waitFor(/1\. .*remember apples/, 30_000);
    const beforeResume = banners('claude-sonnet-5-5');
    await send('/resume 1');
    await newSession('claude-sonnet-5-5', beforeResume);
    await send('what did I mention?');
    await tui.waitFor('You mentioned apples.', 30_000);
    const resumed = messagesText(server.requests[first + 2]!.body);
    assert.match(resumed, /remember apples/);
    assert.doesNotMatch(resumed, /pears/);

    await send('/model opus');
    await newSession('claude-opus-5-5', 0);
    await send('and now?');
    await tui.waitFor('Still apples.', 30_000);
    const switched = server.requests[first + 3]!.body;
    assert.equal(switched.model, 'claude-opus-5-5');
    assert.match(messagesText(switched), /remember apples/);
  } finally {
    tui.close();
  }
});
