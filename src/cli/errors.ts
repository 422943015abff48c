/** The command line was wrong: an unknown flag, a missing value, a bad combination. */
export class UsageError extends Error {}

/** Settings, credentials or files named on the command line are wrong; nothing ran. */
export class ConfigurationError extends Error {}
