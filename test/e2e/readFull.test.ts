// End-to-end: Read of images and PDFs through the built CLI, checking what reaches the model over
// each provider's wire protocol. Test files are generated here (sharp, pdf-lib), none committed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { CLI, cliEnv, finished, jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider } from './harness.js';

async function makePdf(pageCount: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pageCount; page++) {
    doc.addPage([300, 200]).drawText(`Chapter ${page} of ${pageCount}`, { x: 20, y: 150, size: 14, font });
  }
  return Buffer.from(await doc.save());
}

/** The messages after the assistant turn that called the tool, in the request that answered it. */
function messagesAfterToolCall(body: any): any[] {
  const callIndex = body.messages.findLastIndex((message: any) =>
    message.role === 'assistant' && (Array.isArray(message.tool_calls) || (Array.isArray(message.content) && message.content.some((block: any) => block.type === 'tool_use'))),
  );
  assert.ok(callIndex !== -1, 'the request holds the tool call');
  return body.messages.slice(callIndex + 1);
}

/** Anthropic: the content blocks of the single tool_result. */
function anthropicToolResult(body: any): any[] {
  const [user] = messagesAfterToolCall(body);
  const result = user.content.find((block: any) => block.type === 'tool_result');
  assert.ok(Array.isArray(result.content), JSON.stringify(result));
  return result.content;
}

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`Read of images and PDFs over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('a large PNG is downscaled and reaches the model as an image', async () => {
      const workspace = makeWorkspace();
      const imagePath = join(workspace.repo, 'diagram.png');
      writeFileSync(imagePath, await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#22aa44' } }).png().toBuffer());
      const first = server.requests.length;
      server.push(reply([toolUse('Read', { file_path: imagePath })]), reply([text('A green rectangle.')]));
      const run = await runWright(['-p', 'what is in diagram.png?', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(jsonResult(run).result, 'A green rectangle.');

      const body = server.requests[first + 1]!.body;
      let imageBase64: string;
      if (provider === 'anthropic') {
        const blocks = anthropicToolResult(body);
        const image = blocks.find((block) => block.type === 'image');
        assert.equal(image.source.type, 'base64');
        assert.equal(image.source.media_type, 'image/png');
        imageBase64 = image.source.data;
        assert.match(blocks.find((block) => block.type === 'text').text, /downscaled from 3000x1500 to 2000x1000/);
      } else {
        const [tool, user] = messagesAfterToolCall(body);
        assert.equal(tool.role, 'tool');
        assert.match(tool.content, /\[image \(image\/png\) follows in the next user message\]\n\[Image downscaled from 3000x1500 to 2000x1000/);
        assert.equal(user.role, 'user');
        const imagePart = user.content.find((part: any) => part.type === 'image_url');
        const match = /^data:image\/png;base64,(.+)$/.exec(imagePart.image_url.url);
        assert.ok(match, imagePart.image_url.url.slice(0, 40));
        imageBase64 = match[1]!;
      }
      const decoded = await sharp(Buffer.from(imageBase64, 'base64')).metadata();
      assert.deepEqual([decoded.format, decoded.width, decoded.height], ['png', 2000, 1000]);
    });

    test('PDF pages reach the model as a document (Anthropic) or as their text (OpenAI)', async () => {
      const workspace = makeWorkspace();
      const pdfPath = join(workspace.repo, 'manual.pdf');
      writeFileSync(pdfPath, await makePdf(12));
      const first = server.requests.length;
      server.push(
        reply([toolUse('Read', { file_path: pdfPath })]),
        reply([toolUse('Read', { file_path: pdfPath, pages: '2-3' })]),
        reply([text('Chapters 2 and 3 read.')]),
      );
      const run = await runWright(['-p', 'summarise manual.pdf', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(jsonResult(run).result, 'Chapters 2 and 3 read.');
      // pdf.js warns on the console about optional packages it cannot load; none of that may show.
      assert.doesNotMatch(run.stderr, /Warning|canvas|DOMMatrix/);

      const refused = JSON.stringify(messagesAfterToolCall(server.requests[first + 1]!.body));
      assert.match(refused, /This PDF has 12 pages, too many to read at once/);

      const body = server.requests[first + 2]!.body;
      if (provider === 'anthropic') {
        const blocks = anthropicToolResult(body);
        const document = blocks.find((block) => block.type === 'document');
        assert.equal(document.source.media_type, 'application/pdf');
        const sent = await PDFDocument.load(Buffer.from(document.source.data, 'base64'));
        assert.equal(sent.getPageCount(), 2);
        assert.match(blocks.find((block) => block.type === 'text').text, /pages 2-3 of 12/);
      } else {
        const [tool] = messagesAfterToolCall(body);
        assert.equal(tool.role, 'tool');
        assert.match(tool.content, /text of pages 2-3 of 12/);
        assert.match(tool.content, /--- Page 2 ---\nChapter 2 of 12\n\n--- Page 3 ---\nChapter 3 of 12/);
        assert.doesNotMatch(tool.content, /Chapter 4/);
      }
    });
  });
}

/**
 * A copy of the built CLI next to a node_modules holding only the required dependency (ripgrep):
 * what a user gets when the optional sharp did not install. pdf.js's optional canvas is missing too.
 */
function installWithoutOptionalDependencies(): { cli: string; cleanup: () => void } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wright-minimal-install-')));
  cpSync(dirname(CLI), join(root, 'dist'), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(join(dirname(CLI), '..', 'node_modules', '@vscode'), join(root, 'node_modules', '@vscode'));
  return { cli: join(root, 'dist', 'wright.js'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

describe('Read in an install without the optional image library', () => {
  let server: ModelServer;
  let install: ReturnType<typeof installWithoutOptionalDependencies>;
  before(async () => {
    server = await startModelServer();
    install = installWithoutOptionalDependencies();
  });
  after(async () => {
    await server.close();
    install.cleanup();
  });

  test('sends images within the byte limit unresized, refuses larger ones, and extracts PDF text quietly', async () => {
    const workspace = makeWorkspace();
    const wide = join(workspace.repo, 'wide.png');
    const noisy = join(workspace.repo, 'noisy.png');
    const pdf = join(workspace.repo, 'notes.pdf');
    const wideBytes = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#ffffff' } }).png().toBuffer();
    writeFileSync(wide, wideBytes);
    writeFileSync(noisy, await sharp(randomBytes(1500 * 1500 * 3), { raw: { width: 1500, height: 1500, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
    writeFileSync(pdf, await makePdf(2));
    const first = server.requests.length;
    server.push(
      reply([toolUse('Read', { file_path: wide }, 'call_wide'), toolUse('Read', { file_path: noisy }, 'call_noisy'), toolUse('Read', { file_path: pdf }, 'call_pdf')]),
      reply([text('Done.')]),
    );
    const options = { workspace, server, provider: 'openai' as const };
    const child = spawn(process.execPath, [install.cli, '-p', 'look at these', '--output-format', 'json'], {
      cwd: workspace.repo,
      env: cliEnv(options) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = await finished(child);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonResult(run).result, 'Done.');
    assert.equal(run.stderr, '');

    const body = server.requests[first + 1]!.body;
    const [wideResult, noisyResult, pdfResult] = toolResultsIn(body);
    assert.match(wideResult!, /3000x1500.*sent at full size: the optional image library sharp is not available/);
    const user = body.messages.at(-1);
    const imagePart = user.content.find((part: any) => part.type === 'image_url');
    assert.equal(imagePart.image_url.url, `data:image/png;base64,${wideBytes.toString('base64')}`);
    assert.match(noisyResult!, /^Error: Cannot send .*noisy\.png to the model\. The image is \d+\.\d MB, more than the 3\.8 MB .*sharp, which is not installed/);
    assert.match(pdfResult!, /--- Page 1 ---\nChapter 1 of 2/);
  });
});
