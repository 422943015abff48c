// What the model is asked when the conversation is compacted, and how its answer becomes the start
// of the continued conversation. The summary must let work go on as if nothing was forgotten: the
// sections follow what a developer would need to pick the task up cold.

export const SUMMARY_SECTIONS = [
  'Primary Request and Intent',
  'Key Technical Concepts',
  'Files and Code Sections',
  'Errors and Fixes',
  'Problem Solving',
  'All User Messages',
  'Pending Tasks',
  'Current Work',
  'Optional Next Step',
] as const;

const SECTION_GUIDANCE: Record<(typeof SUMMARY_SECTIONS)[number], string> = {
  'Primary Request and Intent': 'everything the user asked for, explicitly, in their terms, including later changes of mind',
  'Key Technical Concepts': 'technologies, frameworks, conventions and constraints that matter for the work',
  'Files and Code Sections': 'each file read, changed or created, why it matters, and the important snippets (full code where it was just written or changed)',
  'Errors and Fixes': 'every error met and how it was fixed, and any correction or feedback the user gave',
  'Problem Solving': 'problems solved and investigations still open',
  'All User Messages': 'every message the user wrote (not tool results), close to verbatim, in order',
  'Pending Tasks': 'what the user asked for that is not done yet',
  'Current Work': 'precisely what was being worked on right before this summary, with file names and code',
  'Optional Next Step': 'the next step, only if it follows directly from the most recent request; quote the request it serves',
};

/** The instruction appended to the conversation for the summary request. */
export function compactionInstruction(focus: { userInstructions?: string; memoryInstructions?: string[] } = {}): string {
  const sections = SUMMARY_SECTIONS.map((name, index) => `${index + 1}. ${name}: ${SECTION_GUIDANCE[name]}.`).join('\n');
  const extra = [
    ...(focus.memoryInstructions ?? []).map((text) => `Instructions from the project's memory files:\n${text.trim()}`),
    ...(focus.userInstructions?.trim() ? [`The user asked that the summary focus on: ${focus.userInstructions.trim()}`] : []),
  ];
  return [
    'Stop here and write a summary of the whole conversation so far; it will replace the conversation, so the work can continue from it alone. Do not call any tools.',
    'First think it through inside <analysis></analysis>: go through the conversation in order and note each request, decision, file, code change, error and piece of user feedback. Then write the summary inside <summary></summary> with these sections, as Markdown headings:',
    sections,
    'Be specific and technical: file paths, function names, commands, exact error messages. Leave nothing out that the work depends on.',
    ...extra,
  ].join('\n\n');
}

/** The text inside <summary>, or the whole answer without its <analysis> when the tags are missing. */
export function summaryFromAnswer(answer: string): string {
  const tagged = /<summary>([\s\S]*?)(?:<\/summary>|$)/.exec(answer);
  const summary = tagged ? tagged[1]! : answer.replace(/<analysis>[\s\S]*?(?:<\/analysis>|$)/g, '');
  return summary.trim();
}

export const CONTINUATION_PREAMBLE =
  'This session continues an earlier conversation that was compacted to fit the context window. The summary below covers everything before this point.';

export const CONTINUE_WITHOUT_ASKING =
  'Continue with the task you were working on, from where it stopped, without asking the user anything further.';

/** The first user message of the compacted conversation. */
export function continuationText(summary: string): string {
  return `${CONTINUATION_PREAMBLE}\n\n<summary>\n${summary}\n</summary>`;
}

/** The text of every `## Compact Instructions` section in the memory files (any heading level). */
export function compactInstructionsFromMemory(memory: string | null): string[] {
  if (!memory) return [];
  const found: string[] = [];
  const lines = memory.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^(#{1,6})\s+compact instructions\s*$/i.exec(lines[i]!.trim());
    if (!heading) continue;
    const level = heading[1]!.length;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const next = /^(#{1,6})\s/.exec(lines[i]!.trim());
      if (next && next[1]!.length <= level) {
        i--;
        break;
      }
      body.push(lines[i]!);
    }
    const text = body.join('\n').trim();
    if (text) found.push(text);
  }
  return found;
}
