// Opening and closing the full-screen transcript, in steps Ink's redrawing can follow: the app first
// draws nothing, and only once Ink has written that empty frame does the terminal switch screens (see
// inkScreen.ts). Between the steps the app shows neither its normal view nor the transcript.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { InkScreen } from './inkScreen.js';

export type TranscriptPhase = 'closed' | 'opening' | 'open' | 'closing';

export interface TranscriptScreen {
  /** The phase this render shows. */
  phase: TranscriptPhase;
  /** The phase right now, for key handlers (which may be a render behind). */
  current(): TranscriptPhase;
  open(): void;
  close(): void;
}

export function useTranscriptScreen(screen: InkScreen): TranscriptScreen {
  const [phase, setPhase] = useState<TranscriptPhase>('closed');
  // Read by key handlers, which can run twice before React re-renders.
  const current = useRef<TranscriptPhase>('closed');
  const framesAtRequest = useRef(0);
  const go = (next: TranscriptPhase) => {
    current.current = next;
    setPhase(next);
  };
  // Recorded before the empty frame is committed: any frame Ink draws after this one shows it.
  const request = (next: 'opening' | 'closing') => {
    framesAtRequest.current = screen.framesDrawn();
    go(next);
  };

  // A layout effect: when the frame is already written the switch happens within this commit.
  useLayoutEffect(() => {
    if (phase !== 'opening' && phase !== 'closing') return;
    return screen.afterFrame(framesAtRequest.current, () => {
      if (phase === 'opening') {
        screen.enterAlternate();
        go('open');
      } else {
        screen.leaveAlternate();
        go('closed');
      }
    });
  }, [phase, screen]);

  // Leaving the app with the transcript open must not leave the terminal on the alternate screen.
  useEffect(() => () => screen.leaveAlternate(), [screen]);

  return {
    phase,
    current: () => current.current,
    open: () => {
      if (current.current === 'closed') request('opening');
    },
    close: () => {
      if (current.current === 'open') request('closing');
    },
  };
}
