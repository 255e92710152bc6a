import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLResolveInfo,
  GraphQLSchema,
  Kind,
  parse,
  ParseOptions,
  validate,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { costLimitError, costLimitPlugin, operationCost } from './query-cost';

export interface QueryLimits {
  /** Deepest field nesting allowed (fragments add no level). A connection takes three: list, edges, node. */
  maxDepth: number;
  /** Aliased fields per operation: aliases are how one request repeats its own work. */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Tokens per document, checked while parsing: validation time grows with the square of repeated fields. */
  maxTokens: number;
  /** Fields resolved, multiplied by page sizes and lists (query-cost.ts). */
  maxCost: number;
  /** Characters per document, comments and whitespace included (tokens do not count those). */
  maxDocumentChars: number;
}

/**
 * Real pages pass: a thread with 100 posts, their authors and reactions costs 6,213; 100 threads
 * with their first posts 6,901; 50 moderation cases with posts, evidence and notes 7,851 (a case's
 * thread context and author history are for one case at a time: 50 of them cost 25,001). One copy
 * of the tester's attack costs 928,301. Depth 12 fits a case's post's thread's posts' authors.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1_000,
  maxCost: 10_000,
  maxDocumentChars: 20_000,
};

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * What graphql-armor does not express: a document's length in characters. Compiled documents are
 * cached by their text (jit-execution.ts), and a comment is free to the token count.
 */
function documentSizeRule(maxChars: number): ValidationRule {
  return (context: ValidationContext) => {
    const length = context.getDocument().loc?.source.body.length ?? 0;
    if (length > maxChars) context.reportError(limitError(`The query document is too large (more than ${maxChars} characters).`));
    return {};
  };
}

/**
 * Depth, aliases and directives from graphql-armor, field suggestions hidden in production.
 * Armor's cost limit counts fields without multiplying lists by their page size: the cost comes
 * from graphql-query-complexity instead. Armor's token limit for Apollo throws from a parsing
 * hook, which Apollo answers with HTTP 500: graphql-js's own parser limit (`maxTokens`) is used.
 */
function armorRules(limits: QueryLimits, production: boolean): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const { validationRules, plugins } = new ApolloArmor({
    // In development the IDE's introspection query (deeper than any real one) must pass.
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: !production },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { validationRules: [documentSizeRule(limits.maxDocumentChars), ...validationRules], plugins };
}

/** The Apollo options that enforce the limits on every HTTP request. */
export function apolloQueryLimits(
  limits: QueryLimits,
  production: boolean,
): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[]; parseOptions: ParseOptions } {
  const armor = armorRules(limits, production);
  return {
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, costLimitPlugin(limits.maxCost)],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** The operation being subscribed to, from its source text when graphql-ws kept it. */
function subscribedDocument(info: GraphQLResolveInfo, maxTokens: number): DocumentNode {
  const source = info.operation.loc?.source;
  if (source) return parse(source, { maxTokens });
  const fragments: FragmentDefinitionNode[] = Object.values(info.fragments);
  return { kind: Kind.DOCUMENT, definitions: [info.operation, ...fragments] };
}

/**
 * graphql-ws validates subscription documents itself, without Apollo's rules or plugins, so each
 * subscription field checks the same limits before it subscribes. A refusal is the client's
 * answer (BAD_USER_INPUT), sent as the subscription's only result.
 */
export function limitSubscriptions(schema: GraphQLSchema, limits: QueryLimits, production: boolean): GraphQLSchema {
  const { validationRules } = armorRules(limits, production);
  const refusal = (info: GraphQLResolveInfo): GraphQLError | null => {
    let document: DocumentNode;
    try {
      document = subscribedDocument(info, limits.maxTokens);
    } catch (error) {
      return error instanceof GraphQLError ? limitError(error.message) : limitError('The query document could not be read.');
    }
    const [invalid] = validate(schema, document, validationRules);
    if (invalid) return limitError(invalid.message);
    const cost = operationCost(schema, document, info.operation.name?.value, info.variableValues);
    return cost !== null && cost > limits.maxCost ? costLimitError(cost, limits.maxCost) : null;
  };
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe: GraphQLFieldResolver<unknown, unknown> | undefined = field.subscribe;
    if (!subscribe) continue;
    field.subscribe = (source, args, context, info) => {
      const refused = refusal(info);
      if (refused) throw refused;
      return subscribe(source, args, context, info);
    };
  }
  return schema;
}
