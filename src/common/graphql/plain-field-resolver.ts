import { Type } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';
// Where Nest keeps a method's param decorators (@nestjs/graphql's PARAM_ARGS_METADATA is this key too).
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { requireViewer } from '../auth/gql-auth.guard';
import { PUBLIC_KEY } from '../auth/public.decorator';
import { ROLES_KEY } from '../auth/roles.decorator';
import { RequestContext } from '../auth/viewer';

/** The field extension @PlainFieldResolver sets (exported for tests that build a schema by hand). */
export const PLAIN_FIELD_RESOLVER = 'plainFieldResolver';

/** Resolvers this module installed, so a test can tell a plain field from one Nest wraps. */
const installed = new WeakSet<object>();

export function isPlainFieldResolver(resolve: unknown): boolean {
  return typeof resolve === 'function' && installed.has(resolve);
}

export interface PlainFieldResolverRef {
  owner: Type<unknown>;
  method: string;
}

/**
 * A `@ResolveField` method GraphQL calls directly as `(parent, args, context, info)`, instead of
 * through Nest's per-field execution context (guards, filters, param decorators): on a page of
 * posts that context was built ~200 times per request, ~10-15% of a thread read's CPU with the
 * garbage it left. Authorization stays what GqlAuthGuard decides for such a field: a signed-in
 * viewer, checked by the same function on every call. Only for fields that need nothing more:
 * the parent object was handed out only after its visibility was checked where it was loaded,
 * and the field shows the parent's own data (or loads it through the request's loaders with the
 * same checks). A field with @Roles or @Public, arguments or Nest param decorators is refused at
 * boot (installPlainFieldResolvers), so a staff-only field cannot lose its guard this way.
 */
export function PlainFieldResolver(): MethodDecorator {
  return (target, key, descriptor) => {
    const ref: PlainFieldResolverRef = { owner: target.constructor as Type<unknown>, method: String(key) };
    Extensions({ [PLAIN_FIELD_RESOLVER]: ref })(target, key, descriptor);
  };
}

/** Why a marked field may not skip Nest's per-field enhancers, or null when it may. */
function refusal(ref: PlainFieldResolverRef, argCount: number): string | null {
  const method = (ref.owner.prototype as Record<string, unknown>)[ref.method];
  if (typeof method !== 'function') return 'is not a method';
  for (const target of [method, ref.owner]) {
    if (Reflect.getMetadata(ROLES_KEY, target) !== undefined) return 'has @Roles (the guard must check them)';
    if (Reflect.getMetadata(PUBLIC_KEY, target) !== undefined) return 'is @Public';
  }
  if (argCount > 0) return 'takes arguments (a plain resolver reads them from the raw args object, not @Args)';
  const params = Reflect.getMetadata(ROUTE_ARGS_METADATA, ref.owner, ref.method) as object | undefined;
  if (params && Object.keys(params).length > 0) return 'uses Nest param decorators (it is called as (parent, args, context, info))';
  return null;
}

/**
 * For Nest's `transformSchema`: every field marked @PlainFieldResolver gets its method as its
 * resolver, behind the viewer check. `instanceOf` returns the resolver class's (singleton) instance.
 */
export function installPlainFieldResolvers(schema: GraphQLSchema, instanceOf: (owner: Type<unknown>) => object): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const field of Object.values(type.getFields())) {
      const ref = field.extensions?.[PLAIN_FIELD_RESOLVER] as PlainFieldResolverRef | undefined;
      if (!ref) continue;
      const refused = refusal(ref, field.args.length);
      if (refused) throw new Error(`${type.name}.${field.name} (${ref.owner.name}.${ref.method}) cannot be a plain field resolver: it ${refused}`);
      const instance = instanceOf(ref.owner);
      const method = (instance as Record<string, GraphQLFieldResolver<unknown, RequestContext>>)[ref.method];
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = (parent, args, context, info) => {
        requireViewer(context);
        return method.call(instance, parent, args, context, info);
      };
      installed.add(resolve);
      field.resolve = resolve;
    }
  }
  return schema;
}
