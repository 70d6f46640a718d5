/**
 * A small set of coded errors. Each maps to one HTTP status and one sentence a user may see;
 * the detail stays in the (redacted) log.
 */
export type ErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'too_large'
  | 'rate_limited'
  | 'upstream'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upstream: 502,
  internal: 500,
};

const USER_MESSAGE: Record<ErrorCode, string> = {
  bad_input: "Sorry, I couldn't read that request.",
  forbidden: "Sorry, you don't have permission to do that.",
  not_found: "Sorry, I couldn't find that.",
  conflict: 'That changed while you were working on it. Please try again.',
  too_large: 'That message is too long for me to handle.',
  rate_limited: "You're sending messages faster than I can answer. Please wait a moment.",
  upstream: 'Sorry, a service I depend on is not answering. Please try again shortly.',
  internal: 'Sorry, something went wrong on my side.',
};

export class CodedError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CodedError';
    this.code = code;
  }
  get status(): number {
    return STATUS[this.code];
  }
  get userMessage(): string {
    return USER_MESSAGE[this.code];
  }
}

export class ConflictError extends CodedError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ConflictError';
  }
}

export function asCodedError(error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CodedError('internal', message, { cause: error });
}

export function userMessageFor(code: ErrorCode): string {
  return USER_MESSAGE[code];
}
