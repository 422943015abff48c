export const EXIT = {
  success: 0,
  /** The run ended with an error result (API failure, turn or budget limit). */
  error: 1,
  /** Bad flags, settings or credentials: nothing ran. */
  usage: 2,
  /** Interrupted by SIGINT (128 + 2). */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15), after recording what completed. */
  terminated: 143,
} as const;
