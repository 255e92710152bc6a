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
