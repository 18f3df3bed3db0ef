/**
 * One error type for everything that is pipwarden's fault or the user's input,
 * never pip's: pip's own non-zero exit passes through unchanged.
 * Only the CLI entry point catches it, and maps `kind` to an exit code.
 */
export type ErrorKind =
  | 'usage'
  | 'config'
  | 'refused'
  | 'not-found'
  | 'denied'
  | 'probe'
  | 'io'
  | 'internal';

/**
 * Exit codes, documented in docs/exit-codes.md. They sit above pip's own codes
 * (0–4 and 23) so a script can tell pipwarden's answer from pip's.
 */
export const EXIT_CODES: Record<ErrorKind, number> = {
  usage: 64,
  config: 78,
  refused: 77,
  'not-found': 127,
  /** Found but this user may not run it: the shell's own 126 for the same case. */
  denied: 126,
  probe: 69,
  io: 74,
  internal: 70,
};

export class PipwardenError extends Error {
  readonly kind: ErrorKind;
  /** The next step for the user, printed after the message. */
  readonly hint: string | null;

  constructor(kind: ErrorKind, message: string, hint: string | null = null) {
    super(message);
    this.name = 'PipwardenError';
    this.kind = kind;
    this.hint = hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}
