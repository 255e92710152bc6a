import {
  DocumentNode,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import { CloseCode, Context, ServerOptions } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import type WebSocket from 'ws';
import { loggableError } from '../../logging/logger';
import { RequestContext } from '../auth/viewer';
import { AppError } from '../errors/app-error';

/** What the `ws` adapter of graphql-ws hands every hook, plus what we keep per socket. */
interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
  context?: RequestContext;
  expiryTimer?: NodeJS.Timeout;
}

type SocketContext = Context<Record<string, unknown> | undefined, SocketExtra>;

export interface SubscriptionSocketSettings {
  /** Builds the request context from the token, exactly as for an HTTP request. */
  authenticate(authorization: unknown, requestId: string): Promise<RequestContext>;
  /** The one place an error becomes what a client sees (and unexpected ones are logged). */
  formatError(error: GraphQLError): GraphQLFormattedError;
  /** The validation rules HTTP requests get beyond graphql-js's own (query limits and the like). */
  validationRules(): readonly ValidationRule[];
  /** Whether the socket's member may still be served (a discharged member's socket is closed at its next event). */
  stillAdmitted(context: RequestContext): Promise<boolean>;
  logger: Logger;
}

/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The same rule as HTTP request ids (bootstrap.ts): anything else is replaced, never stored. */
const REQUEST_ID = /^[\w.-]{1,64}$/;

function requestIdOf(request: IncomingMessage | undefined): string {
  const header = request?.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

type RequestErrorCode = 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'OPERATION_RESOLUTION_FAILURE' | 'BAD_USER_INPUT';

/** Apollo's codes for a request that never reached a resolver: the error formatting maps them to BAD_USER_INPUT. */
function requestError(message: string, code: RequestErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** The error with a code, keeping its message and locations; one that already has a code keeps it. */
function withCode(error: GraphQLError, code: RequestErrorCode): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

function tokenExpired(context: RequestContext | undefined): boolean {
  return !context?.viewer || context.viewer.tokenExpiresAt.getTime() <= Date.now();
}

/**
 * graphql-ws's documented close for a connection the server no longer permits. Its client retries
 * on 4403 (unlike 4401, which means a client bug), calling connectionParams again for a fresh token.
 */
function closeExpired(extra: SocketExtra): void {
  clearTimeout(extra.expiryTimer);
  extra.socket.close(CloseCode.Forbidden, 'Your session expired. Sign in again.');
}

function closeDischarged(extra: SocketExtra): void {
  clearTimeout(extra.expiryTimer);
  extra.socket.close(CloseCode.Forbidden, 'Your access to this forum has ended.');
}

function closeAtExpiry(extra: SocketExtra, expiresAt: Date): void {
  const wait = expiresAt.getTime() - Date.now();
  extra.expiryTimer = setTimeout(
    () => (wait > MAX_TIMER_MS ? closeAtExpiry(extra, expiresAt) : closeExpired(extra)),
    Math.max(0, Math.min(wait, MAX_TIMER_MS)),
  );
  extra.expiryTimer.unref();
}

/**
 * The graphql-ws server options: a socket is authenticated once, with the same JWT as HTTP, and
 * lives no longer than that token (closed at its `exp`, and nothing is sent after it even if the
 * timer runs late); each event is still authorised again by the subscription's own filter and
 * guards. Client mistakes (syntax, unknown fields, query limits, an operation name the document
 * lacks, variables of the wrong type) answer coded errors like HTTP, never a closed socket or a
 * logged stack. Only subscriptions are served: queries and mutations go over HTTP, where every
 * HTTP-only safeguard applies.
 *
 * Typed `object`: Nest's type for these options is narrower than what it passes on to graphql-ws.
 */
export function subscriptionSocketOptions(settings: SubscriptionSocketSettings): object {
  const options: ServerOptions<Record<string, unknown> | undefined, SocketExtra> = {
    onConnect: async (ctx: SocketContext) => {
      const params = ctx.connectionParams ?? {};
      const context = await settings.authenticate(params.authorization ?? params.Authorization, requestIdOf(ctx.extra.request));
      if (context.authError && !(context.authError instanceof AppError)) {
        settings.logger.error({ err: loggableError(context.authError) }, 'could not authenticate a subscription socket');
      }
      if (!context.viewer || tokenExpired(context)) return false;
      ctx.extra.context = context;
      closeAtExpiry(ctx.extra, context.viewer.tokenExpiresAt);
      return true;
    },
    onClose: (ctx: SocketContext) => clearTimeout(ctx.extra.expiryTimer),
    onSubscribe: (ctx: SocketContext, _id, payload) => {
      if (tokenExpired(ctx.extra.context)) {
        closeExpired(ctx.extra);
        return [new GraphQLError('Your session expired. Sign in again.', { extensions: { code: 'UNAUTHENTICATED' } })];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [
          error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : requestError('The document could not be parsed.', 'GRAPHQL_PARSE_FAILED'),
        ];
      }
      const operation = getOperationAST(document, payload.operationName ?? undefined);
      if (!operation) {
        return [
          requestError(
            payload.operationName ? `Unknown operation named "${payload.operationName}".` : 'Name the operation to run: the document has several.',
            'OPERATION_RESOLUTION_FAILURE',
          ),
        ];
      }
      if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
        return [requestError('Only subscriptions are served over this socket; send queries and mutations over HTTP.', 'BAD_USER_INPUT')];
      }
      // graphql-ws parses again and validates below: it needs the schema, which only it holds here.
      return undefined;
    },
    validate: (schema, document) =>
      validate(schema, document, [...specifiedRules, ...settings.validationRules()]).map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')),
    onNext: async (ctx: SocketContext, _id, _payload, _args, result) => {
      if (tokenExpired(ctx.extra.context)) {
        // Closing first makes graphql-ws drop this event: it sends only on an open socket.
        closeExpired(ctx.extra);
        return undefined;
      }
      if (ctx.extra.context && !(await settings.stillAdmitted(ctx.extra.context))) {
        closeDischarged(ctx.extra);
        return undefined;
      }
      if (!result.errors) return undefined;
      // No data and no path: nothing ran because graphql-js refused the variables, the client's mistake
      // (a resolver's refusal, a guard's FORBIDDEN, carries the path of its field).
      const refused = result.data === undefined;
      return { ...result, errors: result.errors.map((error) => settings.formatError(refused && !error.path ? withCode(error, 'BAD_USER_INPUT') : error)) };
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => settings.formatError(error)),
  };
  return options;
}
