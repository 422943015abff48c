// One output style: text that changes how the main conversation's agent talks and works.

export type OutputStyleSource = 'built-in' | 'user' | 'project' | 'plugin';

export interface OutputStyle {
  /** As the user selects it (`/output-style Explanatory`); matched without regard to case. */
  name: string;
  description: string;
  /** Appended to the system prompt; empty for Default. */
  prompt: string;
  /** False: the software-engineering part of the built-in instructions is left out. */
  keepCodingInstructions: boolean;
  source: OutputStyleSource;
  /** The file it came from (custom styles). */
  path?: string;
}
