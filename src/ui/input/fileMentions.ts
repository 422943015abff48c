// The `@path` expansion moved to src/context/fileMentions.ts so custom commands (src/extensions)
// can inline files the same way; the input package keeps exporting it.
export { expandFileMentions, fileMentionBlocks, findFileMentions, MAX_FILE_CHARS, MAX_FILE_LINES, MAX_TOTAL_CHARS } from '../../context/fileMentions.js';
