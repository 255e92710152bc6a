import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, getNullableType, GraphQLError, GraphQLSchema, isIntrospectionType, isListType, isObjectType } from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppError, ErrorCode } from '../errors/app-error';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/connection';

/**
 * Items assumed for a list that takes no `first` (a case's notes and recent cases, a post's
 * reaction kinds, spaces): short lists, but a list nested in a list must still multiply.
 */
export const PLAIN_LIST_SIZE = 10;

/** The `complexity` of a list field that holds at most `items` (NestJS field option). */
export function listCost(items: number): (args: { childComplexity: number }) => number {
  return ({ childComplexity }) => 1 + items * childComplexity;
}

/** graphql-query-complexity's own bound on the fields it walks (fragments spread many times). */
const MAX_COSTED_NODES = 10_000;

/** The page a connection returns for `first`, as the resolvers read it (pagination/connection.ts). */
function pageSizeFor(first: unknown): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof first !== 'number' || !Number.isInteger(first)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, first));
}

/**
 * A connection (a field taking `first`) costs its page size times what each page holds, `first`
 * resolved from the request's variables and defaulting like the resolvers do. Its `edges` list is
 * then not multiplied again. Any other list of objects counts PLAIN_LIST_SIZE items. Introspection
 * is costed flat: it is off in production, and in development the IDE's query must pass.
 */
const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first')) return 1 + pageSizeFor(args.first) * childComplexity;
  if (!isListType(getNullableType(field.type)) || isIntrospectionType(type)) return undefined;
  const isConnectionEdges = field.name === 'edges' && isObjectType(type) && 'pageInfo' in type.getFields();
  return isConnectionEdges ? undefined : 1 + PLAIN_LIST_SIZE * childComplexity;
};

/**
 * Every field resolved costs 1, multiplied by the lists around it; a field may declare its own
 * cost (NestJS's `complexity` field option). Null when the variables do not fit the operation:
 * then nothing runs (execution refuses them with BAD_USER_INPUT).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      maxQueryNodes: MAX_COSTED_NODES,
      estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // The walk stops (throwing) past MAX_COSTED_NODES: that document costs more than anything allowed.
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return Number.POSITIVE_INFINITY;
    return null;
  }
}

/** BAD_USER_INPUT with HTTP 400 (Apollo answers an error thrown before execution with 500 otherwise). */
export function costLimitError(cost: number, maxCost: number): GraphQLError {
  const shown = Number.isFinite(cost) ? String(cost) : `more than ${maxCost}`;
  const message = `This request costs ${shown}, more than the ${maxCost} allowed: ask for smaller pages (first) or fewer nested lists.`;
  return new GraphQLError(message, {
    originalError: new AppError(ErrorCode.BAD_USER_INPUT, message, { cost: Number.isFinite(cost) ? cost : null, maxCost }),
    extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}

const MAX_CACHED_KEY_CHARS = 1_000;
const MAX_CACHED_COSTS_PER_DOCUMENT = 200;

/**
 * NestJS's documented query-complexity plugin: costed once the operation is known, with this
 * request's variables (a validation rule would not do: Apollo caches a validated document and
 * skips validation for the next request of the same text with other variables).
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  // The cost is a function of the document, operation and variables alone, and Apollo hands the
  // same parsed document to every request of the same text: costed once per document and
  // variables (a read's walk of its document was ~3% of its CPU), bounded per document.
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          // No such operation: the executor answers that as a client error, with nothing run.
          if (!operation) return;
          const variables = request.variables ?? {};
          const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}`;
          let byVariables = costs.get(document);
          if (!byVariables) costs.set(document, (byVariables = new Map<string, number | null>()));
          let cost = byVariables.get(key);
          if (cost === undefined) {
            cost = operationCost(schema, document, operation.name?.value, variables);
            // Small keys only (a post body in the variables is not worth keeping), and a bounded number.
            if (key.length <= MAX_CACHED_KEY_CHARS && byVariables.size < MAX_CACHED_COSTS_PER_DOCUMENT) byVariables.set(key, cost);
          }
          if (cost !== null && cost > maxCost) throw costLimitError(cost, maxCost);
        },
      };
    },
  };
}
