import type { UserInteraction } from '../tools/types.js';

/** Print mode runs unattended: there is nobody to answer a question, so every ask gets null. */
export const printModeInteraction: UserInteraction = {
  askQuestions: async () => null,
};
