// The bridge between the agent, which asks (may this call run? which option?), and the screen,
// which answers through a dialog. Requests wait in order and the app shows one at a time; a
// request whose turn is aborted (Esc, exit) is answered for the user and leaves the queue. The
// agent side also reports what came of an answer (rules saved, or not) as notices for the screen.
import type { UserQuestion } from '../../tools/types.js';
import type { PermissionDialogDecision } from '../permissions/PermissionDialog.js';

/** What a permission dialog needs to show. */
export interface PermissionRequest {
  toolName: string;
  input: Record<string, unknown>;
  /** Why the gate asks, from the permission pipeline. */
  reason: string;
  /** Rules "Yes, and don't ask again" would save; none hides that option. */
  suggestedRules: string[];
  /** A rendered diff of the change, when there is one (may hold ANSI colours). */
  preview?: string;
}

/** allow (remembering `remember` as allow rules) or deny (with what the user said instead). */
export type PermissionAnswer = PermissionDialogDecision;

export type NoticeTone = 'info' | 'warning' | 'error';
type NoticeListener = (text: string, tone: NoticeTone) => void;

export type QuestionAnswers = Record<string, string> | null;

export type PendingInteraction =
  | { kind: 'permission'; id: number; request: PermissionRequest; answer(answer: PermissionAnswer): void }
  | { kind: 'questions'; id: number; questions: UserQuestion[]; answer(answers: QuestionAnswers): void };

type Listener = () => void;

export class InteractionBroker {
  private queue: PendingInteraction[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly noticeListeners = new Set<NoticeListener>();
  private nextId = 1;

  /** The request on screen, if any. */
  current(): PendingInteraction | undefined {
    return this.queue[0];
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Notices for the conversation; without a listener they are dropped. */
  onNotice(listener: NoticeListener): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  notice(text: string, tone: NoticeTone = 'info'): void {
    for (const listener of this.noticeListeners) listener(text, tone);
  }

  askPermission(request: PermissionRequest, signal: AbortSignal): Promise<PermissionAnswer> {
    return this.enqueue<PermissionAnswer>(signal, { behavior: 'deny' }, (id, answer) => ({ kind: 'permission', id, request, answer }));
  }

  askQuestions(questions: UserQuestion[], signal: AbortSignal): Promise<QuestionAnswers> {
    return this.enqueue<QuestionAnswers>(signal, null, (id, answer) => ({ kind: 'questions', id, questions, answer }));
  }

  private enqueue<T>(signal: AbortSignal, onAbort: T, make: (id: number, answer: (value: T) => void) => PendingInteraction): Promise<T> {
    if (signal.aborted) return Promise.resolve(onAbort);
    return new Promise<T>((resolve) => {
      const id = this.nextId++;
      let settled = false;
      const settle = (value: T) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', abort);
        this.queue = this.queue.filter((item) => item.id !== id);
        this.emit();
        resolve(value);
      };
      const abort = () => settle(onAbort);
      signal.addEventListener('abort', abort, { once: true });
      this.queue = [...this.queue, make(id, settle)];
      this.emit();
    });
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
