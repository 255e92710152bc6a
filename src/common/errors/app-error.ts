/**
 * Every error a client may see has one of these codes (the GraphQL contract's list). Anything else
 * thrown is reported as INTERNAL_SERVER_ERROR with a generic message, and logged privately.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  RATE_LIMITED = 'RATE_LIMITED',
  CONFLICT = 'CONFLICT',
  /** The database was briefly unreachable (a restart, a failover): safe to retry after `retryAfter` seconds. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Public details that may travel in `extensions` (e.g. which field, when to retry). */
export type PublicErrorDetails = Record<string, string | number | boolean | null>;

/**
 * An error with a code, a message safe to show the user, public extension fields, and a private
 * context that goes to the log only.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: PublicErrorDetails = {},
    readonly privateContext: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static unauthenticated(message = 'Sign in to continue.'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'You do not have access to this.'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
  }

  static badInput(field: string, message: string): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, { field });
  }

  static conflict(message: string): AppError {
    return new AppError(ErrorCode.CONFLICT, message);
  }

  static rateLimited(retryAfterSeconds: number): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, `Slow down a little: try again in ${retryAfterSeconds} s.`, { retryAfter: retryAfterSeconds });
  }
}
