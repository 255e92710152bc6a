import 'reflect-metadata';
import { Type } from '@nestjs/common';
import { Parent } from '@nestjs/graphql';
import { GraphQLFieldConfig, GraphQLInt, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, GraphQLString } from 'graphql';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { RequestContext, Viewer } from '../auth/viewer';
import { Role } from '../domain/role.enum';
import { AppError } from '../errors/app-error';
import { installPlainFieldResolvers, isPlainFieldResolver, PLAIN_FIELD_RESOLVER } from './plain-field-resolver';

class NoteResolver {
  calls = 0;
  text(parent: { text: string }, _args: unknown, ctx: RequestContext): string {
    this.calls += 1;
    return `${parent.text} for ${ctx.viewer?.memberId ?? 'nobody'}`;
  }

  @Roles(Role.ADMIN)
  secret(): string {
    return 'staff only';
  }

  @Public()
  open(): string {
    return 'anyone';
  }

  decorated(@Parent() parent: { text: string }): string {
    return parent.text;
  }
}

@Roles(Role.CLINICIAN)
class ClinicalResolver {
  note(): string {
    return 'clinical';
  }
}

function schemaWith(fields: Record<string, { owner: Type<unknown>; method: string; args?: boolean }>): GraphQLSchema {
  const config: Record<string, GraphQLFieldConfig<unknown, unknown>> = {};
  for (const [name, { owner, method, args }] of Object.entries(fields)) {
    config[name] = {
      type: GraphQLString,
      args: args ? { first: { type: GraphQLInt } } : {},
      resolve: () => 'wrapped by Nest',
      extensions: { [PLAIN_FIELD_RESOLVER]: { owner, method } },
    };
  }
  return new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ...config, plain: { type: GraphQLString } } }) });
}

const viewer = { memberId: 'm1', role: Role.CLIENT } as Viewer;
const info = {} as GraphQLResolveInfo;

describe('installPlainFieldResolvers', () => {
  it('should resolve a marked field with its method on the resolver instance, leaving other fields alone', () => {
    const sut = new NoteResolver();
    const schema = installPlainFieldResolvers(schemaWith({ text: { owner: NoteResolver, method: 'text' } }), () => sut);
    const field = schema.getQueryType()!.getFields().text;

    expect(isPlainFieldResolver(field.resolve)).toBe(true);
    expect(isPlainFieldResolver(schema.getQueryType()!.getFields().plain.resolve)).toBe(false);
    expect(field.resolve!({ text: 'hello' }, {}, { viewer, requestId: 'r', loaders: new Map() }, info)).toBe('hello for m1');
    expect(sut.calls).toBe(1);
  });

  it('should refuse a caller without a viewer before the method runs, as the guard does', () => {
    const sut = new NoteResolver();
    const field = installPlainFieldResolvers(schemaWith({ text: { owner: NoteResolver, method: 'text' } }), () => sut)
      .getQueryType()!
      .getFields().text;

    const anonymous = () => field.resolve!({ text: 'hello' }, {}, { viewer: null, requestId: 'r', loaders: new Map() }, info);
    expect(anonymous).toThrow(AppError);
    const failedToken = new Error('token expired');
    expect(() => field.resolve!({ text: 'hello' }, {}, { viewer: null, authError: failedToken, requestId: 'r', loaders: new Map() }, info)).toThrow(
      failedToken,
    );
    expect(sut.calls).toBe(0);
  });

  it('should refuse at boot a field whose method or class names roles, so a staff-only field keeps its guard', () => {
    expect(() => installPlainFieldResolvers(schemaWith({ secret: { owner: NoteResolver, method: 'secret' } }), () => new NoteResolver())).toThrow(/@Roles/);
    expect(() => installPlainFieldResolvers(schemaWith({ note: { owner: ClinicalResolver, method: 'note' } }), () => new ClinicalResolver())).toThrow(/@Roles/);
  });

  it('should refuse at boot a method that takes Nest param decorators, whose parameters would not line up', () => {
    expect(() => installPlainFieldResolvers(schemaWith({ decorated: { owner: NoteResolver, method: 'decorated' } }), () => new NoteResolver())).toThrow(
      /param decorators/,
    );
  });

  it('should refuse at boot a public field and a field with arguments', () => {
    expect(() => installPlainFieldResolvers(schemaWith({ open: { owner: NoteResolver, method: 'open' } }), () => new NoteResolver())).toThrow(/@Public/);
    expect(() => installPlainFieldResolvers(schemaWith({ text: { owner: NoteResolver, method: 'text', args: true } }), () => new NoteResolver())).toThrow(
      /arguments/,
    );
  });
});
