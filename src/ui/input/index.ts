export { PromptInput, type PromptInputProps } from './PromptInput.js';
export { createPromptHistory, memoryPromptHistory, type PromptHistory } from './promptHistory.js';
export { expandFileMentions } from './fileMentions.js';
export { editInExternalEditor } from './externalEditor.js';
export { forgetFileIndex } from './fileIndex.js';
