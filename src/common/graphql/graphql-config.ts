import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Type } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { AppConfig } from '../../config/app-config';
import { loggableError } from '../../logging/logger';
import { TokenVerifier } from '../auth/token-verifier';
import { RequestContext } from '../auth/viewer';
import { ViewerDirectory } from '../auth/viewer-directory';
import { classifyError, toClientError } from '../errors/to-graphql-error';
import { JitExecution } from './jit-execution';
import { installPlainFieldResolvers } from './plain-field-resolver';
import { apolloQueryLimits, DEFAULT_QUERY_LIMITS, limitSubscriptions } from './query-limits';
import { subscriptionSocketOptions } from './subscription-socket';

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}

/**
 * Builds the request context once per request (or per WebSocket connection): the viewer is
 * authenticated here, so field-level guards only compare roles.
 */
export async function buildRequestContext(
  authorization: unknown,
  requestId: string,
  verifier: TokenVerifier,
  viewers: ViewerDirectory,
): Promise<RequestContext> {
  const context: RequestContext = { requestId, viewer: null, loaders: new Map() };
  const token = bearerToken(authorization);
  if (authorization !== undefined && authorization !== null && authorization !== '' && !token) {
    context.authError = new GraphQLError('Your session is not valid. Sign in again.', { extensions: { code: 'UNAUTHENTICATED' } });
    return context;
  }
  if (!token) return context;
  try {
    context.viewer = await viewers.viewerFor(await verifier.verify(token));
  } catch (error) {
    context.authError = error instanceof Error ? error : new Error('authentication failed');
  }
  return context;
}

/**
 * graphql-js's hints at names the schema has ("Did you mean the enum value "HEART"?", "... "title"?"),
 * and armor's mask of some of them ("[Suggestion hidden]?", itself a sign that there is one). Armor
 * masks only `Did you mean "..."`, and only over HTTP: not enum values, not the WebSocket's own validation.
 */
const SCHEMA_SUGGESTION = /\s*(?:Did you mean [^?]*|\[Suggestion hidden\])\?/g;

/**
 * The one place an error becomes what a client sees; the unexpected ones are logged privately.
 * In production (introspection off) no message names a field, argument, type or enum value the
 * caller did not write, over HTTP or the WebSocket alike.
 */
function formatForClient(formatted: GraphQLFormattedError, error: unknown, logger: Logger, hideSuggestions: boolean): GraphQLFormattedError {
  const classified = classifyError(formatted, error);
  if (classified.unexpected) {
    logger.error({ err: loggableError(error), path: formatted.path }, 'unexpected error in GraphQL request');
  }
  const shown = toClientError(formatted, classified);
  return hideSuggestions ? { ...shown, message: shown.message.replace(SCHEMA_SUGGESTION, '') } : shown;
}

/**
 * Every answer is about one viewer (and often about their health): never cached anywhere. This is
 * the header Apollo's cache-control plugin sent for us; that plugin is off because its per-field
 * hook made Apollo wrap every field resolver of every request, for hints nobody sets.
 */
const neverCached: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** `instanceOf` finds a resolver class's instance, for the plain field resolvers (plain-field-resolver.ts). */
export function graphqlConfig(
  config: AppConfig,
  verifier: TokenVerifier,
  viewers: ViewerDirectory,
  logger: Logger,
  instanceOf: (owner: Type<unknown>) => object,
): ApolloDriverConfig {
  const jit = new JitExecution();
  const limits = apolloQueryLimits(DEFAULT_QUERY_LIMITS, config.isProduction);
  const options: ApolloDriverConfig = {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Authorization is checked on every field resolver, not only on the top-level query (plain
    // field resolvers, marked per field, keep the viewer check without Nest's per-field context).
    fieldResolverEnhancers: ['guards', 'interceptors', 'filters'],
    introspection: !config.isProduction,
    // Development only: GraphiQL on GET /graphql (its scripts come from a CDN, so it needs a
    // network in the developer's browser; the server fetches nothing).
    playground: false,
    graphiql: !config.isProduction,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    transformSchema: (schema) => jit.useSchema(limitSubscriptions(installPlainFieldResolvers(schema, instanceOf), DEFAULT_QUERY_LIMITS, config.isProduction)),
    plugins: [ApolloServerPluginCacheControlDisabled(), neverCached, ...limits.plugins],
    context: async ({ req, extra }: { req?: Request & { id?: string }; extra?: { context?: RequestContext } }) => {
      if (extra?.context) return { ...extra.context, loaders: new Map() };
      return buildRequestContext(req?.headers.authorization, String(req?.id ?? randomUUID()), verifier, viewers);
    },
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // The same JWT authenticates the socket, which closes when it expires; the same validation
        // rules as HTTP (read from `options` when a subscription starts); the same error codes and privacy.
        ...subscriptionSocketOptions({
          authenticate: (authorization, requestId) => buildRequestContext(authorization, requestId, verifier, viewers),
          formatError: (error) => formatForClient(error.toJSON(), error, logger, config.isProduction),
          validationRules: () => options.validationRules ?? [],
          stillAdmitted: async (context) => context.viewer !== null && (await viewers.stillAdmitted(context.viewer)),
          logger,
        }),
      },
    },
    formatError: (formatted, error) => formatForClient(formatted, error, logger, config.isProduction),
  };
  // Nest's config type leaves `gateway` out (it is for federation), but passes it on to Apollo
  // Server, which is how Apollo 5 takes a custom executor (see jit-execution.ts).
  return Object.assign(options, { gateway: jit.gateway() });
}
