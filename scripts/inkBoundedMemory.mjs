// Ink keeps three things for as long as the app runs, each growing with every frame of a long
// session: a cache of every text it has measured (each streamed frame, each spinner tick), a cache of
// every text it has wrapped, and `fullStaticOutput`, all <Static> output ever written (used only to
// redraw the scrollback after a frame taller than the terminal, which wright's UI never draws). The
// bundle bounds all three. Each edit names the exact text it replaces; when an Ink upgrade changes
// that text the build fails, so the edit is looked at again rather than silently lost.

/** Entries each of Ink's text caches may hold before it starts over (a frame needs a few dozen). */
export const INK_TEXT_CACHE_LIMIT = 256;
/**
 * Characters of <Static> output Ink keeps to redraw the scrollback: a few thousand lines, as much as
 * many terminals keep. Past it, the older half is dropped.
 */
export const INK_STATIC_OUTPUT_LIMIT = 256 * 1024;

const EDITS = {
  'measure-text.js': [
    ['    cache.set(text, dimensions);', `    if (cache.size >= ${INK_TEXT_CACHE_LIMIT}) cache.clear();\n    cache.set(text, dimensions);`],
  ],
  'wrap-text.js': [
    ['const cache = {};', 'let cache = {};\nlet cacheSize = 0;'],
    ['    cache[cacheKey] = wrappedText;', `    if (++cacheSize > ${INK_TEXT_CACHE_LIMIT}) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;`],
  ],
  'ink.js': [
    [
      // The second of two such lines: the terminal's path (the first, in debug mode, is what
      // ink-testing-library's frames show, and stays as it is).
      '        if (hasStaticOutput) {\n            this.fullStaticOutput += staticOutput;\n        }\n        // Detect fullscreen',
      `        if (hasStaticOutput) {\n            this.fullStaticOutput += staticOutput;\n            if (this.fullStaticOutput.length > ${INK_STATIC_OUTPUT_LIMIT}) {\n                const cut = this.fullStaticOutput.indexOf('\\n', this.fullStaticOutput.length - ${INK_STATIC_OUTPUT_LIMIT / 2});\n                this.fullStaticOutput = cut === -1 ? '' : this.fullStaticOutput.slice(cut + 1);\n            }\n        }\n        // Detect fullscreen`,
    ],
  ],
};

/** Matches the Ink modules `boundInkMemory` edits, as a path or a file URL. */
export const INK_EDITED_MODULE = /[\\/]node_modules[\\/]ink[\\/]build[\\/](ink|measure-text|wrap-text)\.js$/;

/** Ink's module at `path` with its retention bounded; other modules are returned unchanged. */
export function boundInkMemory(path, source) {
  const file = INK_EDITED_MODULE.exec(path)?.[1];
  if (file === undefined) return source;
  let edited = source.replaceAll('\r\n', '\n');
  for (const [from, to] of EDITS[`${file}.js`]) {
    const count = edited.split(from).length - 1;
    if (count !== 1) throw new Error(`ink/build/${file}.js: expected the text to bound once, found it ${count} times:\n${from}`);
    edited = edited.replace(from, () => to);
  }
  return edited;
}

/** esbuild plugin applying `boundInkMemory` to the bundled Ink. */
export const inkBoundedMemory = {
  name: 'ink-bounded-memory',
  setup(build) {
    build.onLoad({ filter: INK_EDITED_MODULE }, async ({ path }) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: boundInkMemory(path, await readFile(path, 'utf8')), loader: 'js' };
    });
  },
};
