import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, ErrorCode } from './app-error';

/** Apollo's own codes for requests that never reached a resolver, mapped into the contract's list. */
const APOLLO_CODES = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  BAD_REQUEST: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_USER_INPUT,
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  INTERNAL_SERVER_ERROR: ErrorCode.INTERNAL_SERVER_ERROR,
} satisfies Record<string, ErrorCode>;

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
};

const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

/** Seconds a client waits before retrying when the database was unreachable; PostgreSQL restarts in a few. */
const OUTAGE_RETRY_AFTER_SECONDS = 5;

// PostgreSQL's connection-exception class (08xxx), shutdowns and "starting up" (57P0x), too many
// connections (53300), and the socket errors of a server that went away.
const OUTAGE_CODES = /^(?:08[0-9A-Z]{3}|57P0[1-3]|53300|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH)$/;
const OUTAGE_MESSAGES =
  /connection terminated|connection timeout|client has encountered a connection error|terminating connection due to administrator command|the database system is (?:starting up|shutting down)/i;

/**
 * True for errors that mean "the database could not be reached just now", not "this request is
 * wrong": the client may retry. Looks through TypeORM's QueryFailedError to the driver's error.
 */
export function isDatabaseOutage(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && OUTAGE_CODES.test(code)) return true;
    if (typeof message === 'string' && OUTAGE_MESSAGES.test(message)) return true;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

export interface ClassifiedError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
  /** True when the original error must be logged: it is not one we raised on purpose. */
  unexpected: boolean;
}

/** Subscription errors reach us wrapped without a path, which Apollo's unwrapping skips. */
function unwrapOriginal(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** Decides what the client may learn about an error. Only AppError and known codes pass a message through. */
export function classifyError(formatted: GraphQLFormattedError, raw: unknown): ClassifiedError {
  const original = unwrapOriginal(unwrapResolverError(raw));
  if (original instanceof AppError) {
    return { code: original.code, message: original.message, details: original.details, unexpected: false };
  }
  if (original instanceof HttpException) {
    const code = HTTP_CODES[original.getStatus()];
    if (code) return { code, message: code === ErrorCode.FORBIDDEN ? 'You do not have access to this.' : original.message, details: {}, unexpected: false };
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && apolloCode in APOLLO_CODES) {
    const code = APOLLO_CODES[apolloCode as keyof typeof APOLLO_CODES];
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR) return { code, message: formatted.message, details: {}, unexpected: false };
  }
  if (isDatabaseOutage(original)) {
    return {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: `We could not reach our database just now. Please try again in ${OUTAGE_RETRY_AFTER_SECONDS} seconds.`,
      details: { retryAfter: OUTAGE_RETRY_AFTER_SECONDS },
      unexpected: true,
    };
  }
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: GENERIC_MESSAGE, details: {}, unexpected: true };
}

/** The shape sent to clients: message, code, public details, path. Never a stack, never SQL. */
export function toClientError(formatted: GraphQLFormattedError, classified: ClassifiedError): GraphQLFormattedError {
  return {
    message: classified.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { ...classified.details, code: classified.code },
  };
}
