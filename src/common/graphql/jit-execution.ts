import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema, OperationDefinitionNode, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Distinct documents kept compiled; clients send a handful, so this only bounds a flood of unique ones. */
const MAX_COMPILED_DOCUMENTS = 500;

/**
 * graphql-jit's errors inherit from graphql-js's but leave `extensions` undefined, which Apollo's
 * error formatting does not expect (it would answer a bare "Internal server error" instead of our
 * codes). Rebuilt as graphql-js errors: same message, path, locations and original error.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError });
  return Object.assign(rebuilt, { locations: error.locations });
}

function unknownOperationMessage(operationName: string | undefined): string {
  return operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
}

/**
 * Executes GraphQL operations with graphql-jit (each document compiled once into a plain function)
 * behind the very schema Nest builds. Apollo still does everything around execution: parsing,
 * validation with the query limits, the request context, plugins and error formatting; guards,
 * interceptors and filters still wrap every field resolver. Only graphql-js's field-by-field
 * interpretation of the document is replaced, which was most of the CPU of a large read.
 *
 * Apollo Server 5 has no `executor` option; a gateway whose `load()` returns the schema and an
 * executor is its supported way to plug one in. Subscriptions (graphql-ws) keep graphql-js.
 */
export class JitExecution {
  private schema: GraphQLSchema | null = null;
  /** Least recently used first (a Map keeps insertion order). */
  private readonly compiled = new Map<string, CompiledQuery>();

  /** For Nest's `transformSchema`: the finished schema, every resolver attached. */
  readonly useSchema = (schema: GraphQLSchema): GraphQLSchema => {
    this.schema = schema;
    this.compiled.clear();
    return schema;
  };

  gateway(): Gateway {
    return {
      load: async () => ({ schema: this.requireSchema(), executor: this.execute }),
      onSchemaLoadOrUpdate: (callback) => {
        const schema = this.requireSchema();
        callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
        return () => undefined;
      },
      stop: async () => undefined,
    };
  }

  private readonly execute: Executor = async ({ source, document, operation, operationName, context, request }) => {
    // No operation of the requested name (or several and no name): Apollo passes no operation,
    // whatever the gateway type says. Answered like graphql-js does, which Apollo turns into a
    // client error (HTTP 400), before anything is compiled or run.
    if (!(operation as OperationDefinitionNode | undefined)) return { errors: [new GraphQLError(unknownOperationMessage(request.operationName))] };
    const schema = this.requireSchema();
    const compiled = this.compile(source, operationName, () => compileQuery(schema, document, operationName ?? undefined));
    const result = isCompiledQuery(compiled) ? await compiled.query(undefined, context, request.variables ?? {}) : compiled;
    if (!result.errors) return result;
    if (result.data === undefined) {
      // Nothing ran: the variables did not fit. graphql-js's own errors for them are the ones Apollo
      // recognises as BAD_USER_INPUT (and the ones clients got before), so answer with those.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
      if (coerced.errors) return { errors: coerced.errors };
    }
    return { ...result, errors: result.errors.map(asGraphqlJsError) };
  };

  /** Keyed by the document's text and operation name: the same text always compiles to the same function. */
  private compile(source: string, operationName: string | null, build: () => CompiledQuery | ExecutionResult): CompiledQuery | ExecutionResult {
    const key = `${operationName ?? ''}\u0000${source}`;
    const hit = this.compiled.get(key);
    if (hit) {
      this.compiled.delete(key);
      this.compiled.set(key, hit);
      return hit;
    }
    const built = build();
    // An operation that cannot be compiled is answered with its errors and not kept.
    if (!isCompiledQuery(built)) return built;
    if (this.compiled.size >= MAX_COMPILED_DOCUMENTS) {
      const oldest = this.compiled.keys().next();
      if (!oldest.done) this.compiled.delete(oldest.value);
    }
    this.compiled.set(key, built);
    return built;
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('The GraphQL schema is not built yet.');
    return this.schema;
  }
}
