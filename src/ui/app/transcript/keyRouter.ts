// Keys for the transcript come through the app's own key handler, which is always listening: a view
// that has just mounted would otherwise miss keys typed before its handler is subscribed (Ink
// subscribes in an effect). Keys typed while the view is still opening wait for it.
import type { Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

export interface KeyRouter {
  route: KeyHandler;
  /** The view's handler from now on, after the keys that waited for it; returns the detach. */
  attach(handler: KeyHandler): () => void;
}

export function keyRouter(): KeyRouter {
  let current: KeyHandler | undefined;
  let waiting: Array<[string, Key]> = [];
  return {
    route(input, key) {
      if (current) current(input, key);
      else waiting.push([input, key]);
    },
    attach(handler) {
      current = handler;
      const keys = waiting;
      waiting = [];
      for (const [input, key] of keys) handler(input, key);
      return () => {
        if (current === handler) current = undefined;
      };
    },
  };
}
