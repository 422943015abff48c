// `wright sessions search <query> [--limit N] [--json]` and `wright sessions list [--limit N] [--json]`:
// this project's past sessions, found by what was said in them, or newest first. Search exits 0 with
// hits, 1 without, 2 on a usage error.
import type { SessionSearchHit } from '../session/search/sessionSearch.js';
import { DEFAULT_SEARCH_LIMIT, searchSessions } from '../session/search/sessionSearch.js';
import { markSnippet } from '../session/search/searchSnippet.js';
import { listSessionSummaries } from '../session/sessionSummaries.js';
import { transcriptDir } from '../config/paths.js';
import { UsageError } from './errors.js';
import { EXIT } from './exitCodes.js';
import { loadSubcommandSettings } from './subcommandSettings.js';

const USAGE = 'Usage: wright sessions search <query> [--limit N] [--json]\n       wright sessions list [--limit N] [--json]';

interface SessionsFlags {
  words: string[];
  limit?: number;
  json: boolean;
}

export async function runSessionsCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'search' && subcommand !== 'list') throw new UsageError(USAGE);
  const flags = readFlags(rest);
  const dir = projectTranscriptDir();
  if (subcommand === 'list') {
    if (flags.words.length > 0) throw new UsageError(`Unexpected argument for sessions list: ${flags.words[0]}\n${USAGE}`);
    return listSessions(dir, flags);
  }
  const query = flags.words.join(' ');
  if (query.trim() === '') throw new UsageError(`sessions search needs a query.\n${USAGE}`);
  const outcome = searchSessions(dir, query, { limit: flags.limit ?? DEFAULT_SEARCH_LIMIT });
  if (!outcome.ok) throw new UsageError(`${outcome.message}\n${USAGE}`);
  const { hits, more } = outcome;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ query, hits: hits.map(hitJson), more })}\n`);
  } else {
    process.stdout.write(hits.length === 0 ? `No past session of this project matches ${query}.\n` : formatHits(hits, more, process.stdout.isTTY === true));
  }
  return hits.length > 0 ? EXIT.success : EXIT.error;
}

/**
 * This directory's transcripts, found the way a session finds them (assembleAgent's loadPolicy: the
 * settings' `env` may move the config dir), without loading the rest of a session.
 */
function projectTranscriptDir(): string {
  const { cwd, environment } = loadSubcommandSettings();
  return transcriptDir(environment.configDir, cwd);
}

function readFlags(argv: string[]): SessionsFlags {
  const flags: SessionsFlags = { words: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') flags.json = true;
    else if (arg === '--limit' || arg === '-n') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new UsageError(`${arg} needs a whole number of at least 1.\n${USAGE}`);
      flags.limit = value;
    } else if (arg === '--') {
      flags.words.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option for sessions: ${arg}\n${USAGE}`);
    else flags.words.push(arg);
  }
  return flags;
}

const KIND_LABEL: Record<SessionSearchHit['kind'], string> = { prompt: 'you', answer: 'assistant', tool: 'tool result', summary: 'summary' };

function hitJson(hit: SessionSearchHit) {
  return {
    sessionId: hit.sessionId,
    title: hit.title,
    modifiedAt: hit.modifiedAt.toISOString(),
    matches: hit.matches,
    entryUuid: hit.entryUuid,
    timestamp: hit.timestamp,
    kind: hit.kind,
    snippet: hit.snippet.text,
    marks: hit.snippet.marks.map((mark) => [mark.start, mark.end]),
  };
}

function formatHits(hits: SessionSearchHit[], more: number, color: boolean): string {
  const blocks = hits.map((hit) => {
    const count = hit.matches === 1 ? '1 matching message' : `${hit.matches} matching messages`;
    const snippet = color ? markSnippet(hit.snippet, '\x1b[1;4m', '\x1b[22;24m') : markSnippet(hit.snippet);
    return `${hit.sessionId}  ${localDateTime(hit.modifiedAt)}  ${hit.title || '(no prompt)'}\n  ${KIND_LABEL[hit.kind]}: ${snippet}\n  ${count}\n`;
  });
  const footer = [
    ...(more > 0 ? [`${more} more session${more === 1 ? '' : 's'} match; show them with --limit ${hits.length + more}.`] : []),
    'Resume one with: wright -r <session id>',
  ];
  return `${blocks.join('\n')}\n${footer.join('\n')}\n`;
}

function listSessions(dir: string, flags: SessionsFlags): number {
  const sessions = listSessionSummaries(dir, { limit: flags.limit ?? DEFAULT_SEARCH_LIMIT });
  if (flags.json) {
    const rows = sessions.map((s) => ({ sessionId: s.id, modifiedAt: s.modifiedAt.toISOString(), messageCount: s.messageCount, title: s.firstPrompt }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else if (sessions.length === 0) {
    process.stdout.write('No saved sessions for this directory.\n');
  } else {
    for (const s of sessions) process.stdout.write(`${s.id}  ${localDateTime(s.modifiedAt)}  ${String(s.messageCount).padStart(4)} msgs  ${s.firstPrompt || '(no prompt)'}\n`);
  }
  return EXIT.success;
}

function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
