/** A mistake in how the CLI was called: exit 2 with the usage text. */
export class UsageError extends Error {}
