import { GraphQLSchemaHost } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Role } from '../../src/common/domain/role.enum';
import { subscribe, waitFor, wsClient, settle } from '../escalation/realtime-helpers';
import { startTestApp, TestApp, uniqueSub } from '../helpers/test-app';

const ANY_MEMBER = 'ANY_MEMBER';
const STAFF = [Role.PEER_SPECIALIST, Role.CLINICIAN, Role.ADMIN] as const;
const CLINICAL = [Role.CLINICIAN, Role.ADMIN] as const;
type Access = typeof ANY_MEMBER | readonly Role[];

/**
 * Who may call what: every root field of the schema must have an entry, so an operation added
 * without deciding who may use it fails here. Anonymous callers may use nothing.
 */
const EXPECTED_ACCESS: Record<string, Access> = {
  'Query.me': ANY_MEMBER,
  'Query.spaces': ANY_MEMBER,
  'Query.threads': ANY_MEMBER,
  'Query.thread': ANY_MEMBER,
  'Query.post': ANY_MEMBER,
  'Query.notifications': ANY_MEMBER,
  'Query.unreadNotificationCount': ANY_MEMBER,
  'Query.moderationQueue': STAFF,
  'Query.escalations': CLINICAL,
  'Query.clientRiskTimeline': CLINICAL,
  'Query.auditEvents': [Role.ADMIN],
  'Query.watchedWords': [Role.ADMIN],
  'Mutation.createThread': ANY_MEMBER,
  'Mutation.createReply': ANY_MEMBER,
  'Mutation.editPost': ANY_MEMBER,
  'Mutation.deletePost': ANY_MEMBER,
  'Mutation.react': ANY_MEMBER,
  'Mutation.unreact': ANY_MEMBER,
  'Mutation.reportPost': ANY_MEMBER,
  'Mutation.markNotificationRead': ANY_MEMBER,
  'Mutation.markAllNotificationsRead': ANY_MEMBER,
  'Mutation.claimCase': STAFF,
  'Mutation.resolveCase': STAFF,
  'Mutation.escalateCase': STAFF,
  'Mutation.addCaseNote': STAFF,
  'Mutation.acknowledgeEscalation': CLINICAL,
  'Mutation.resolveEscalation': CLINICAL,
  'Mutation.setWatchedWord': [Role.ADMIN],
  'Mutation.assignPeerSpecialist': [Role.ADMIN],
  'Mutation.unassignPeerSpecialist': [Role.ADMIN],
  'Mutation.removeWatchedWord': [Role.ADMIN],
  'Subscription.moderationQueueChanged': STAFF,
  'Subscription.escalationRaised': CLINICAL,
  'Subscription.notificationAdded': ANY_MEMBER,
};

function allowed(access: Access, role: Role): boolean {
  return access === ANY_MEMBER || access.includes(role);
}

/** A literal of the argument's type: fresh random ids, so a grant would show as NOT_FOUND and a refusal must come before any lookup. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(randomUUID());
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'true';
      default:
        return JSON.stringify('matrix probe');
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type)).map((a) => `${a.name}: ${literal(a.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

describe('authorization matrix, generated from the schema', () => {
  let app: TestApp;
  let roots: Array<{ key: string; kind: 'query' | 'mutation' | 'subscription'; field: GraphQLField<unknown, unknown> }>;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    const schema = app.running.app.get(GraphQLSchemaHost).schema;
    const typed: Array<['query' | 'mutation' | 'subscription', GraphQLObjectType | null | undefined]> = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ];
    roots = typed.flatMap(([kind, type]) => Object.values(type?.getFields() ?? {}).map((field) => ({ key: `${type!.name}.${field.name}`, kind, field })));
    for (const role of Object.values(Role)) tokens.set(role, await app.token(uniqueSub(`matrix-${role}`), role));
  });

  afterAll(async () => app.close());

  it('should have an expected-access entry for every query, mutation and subscription', () => {
    const missing = roots.map((r) => r.key).filter((key) => !(key in EXPECTED_ACCESS));
    expect(missing).toEqual([]);
    expect(roots.length).toBeGreaterThan(20);
  });

  it('should refuse anonymous callers and roles without access on every query and mutation, and grant nothing else', async () => {
    const unexpected: string[] = [];
    for (const { key, kind, field } of roots.filter((r) => r.kind !== 'subscription')) {
      const access = EXPECTED_ACCESS[key];
      if (!access) continue;
      const operation = operationFor(kind, field);
      const anonymous = await app.gql(operation);
      if (anonymous.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED' || (anonymous.data?.[field.name] ?? null) !== null) {
        unexpected.push(`${key} anonymous -> ${JSON.stringify(anonymous.errors?.[0]?.extensions?.code ?? 'granted')}`);
      }
      for (const role of Object.values(Role)) {
        const res = await app.gql(operation, {}, tokens.get(role));
        const code = res.errors?.[0]?.extensions?.code;
        if (allowed(access, role)) {
          if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || (res.status ?? 200) >= 500)
            unexpected.push(`${key} ${role} refused (${JSON.stringify(code)})`);
        } else if (code !== 'FORBIDDEN' || (res.data?.[field.name] ?? null) !== null) {
          unexpected.push(`${key} ${role} -> ${JSON.stringify(code ?? 'granted')}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('should refuse subscriptions to roles without access and sockets without a token', async () => {
    const unexpected: string[] = [];
    for (const { key, field } of roots.filter((r) => r.kind === 'subscription')) {
      const access = EXPECTED_ACCESS[key];
      if (!access) continue;
      const operation = operationFor('subscription', field);
      const anonymous = wsClient(app.url, null);
      const anonSub = subscribe(anonymous, operation);
      await waitFor(() => anonSub.errors.length > 0, `${key} anonymous refusal`);
      await anonymous.dispose();
      for (const role of Object.values(Role)) {
        const client = wsClient(app.url, tokens.get(role)!);
        const sub = subscribe(client, operation);
        if (allowed(access, role)) {
          await settle(200);
          if (sub.errors.length > 0 || sub.completed) unexpected.push(`${key} ${role} refused: ${JSON.stringify(sub.errors)}`);
        } else {
          await waitFor(() => sub.errors.length > 0 || sub.completed, `${key} ${role} refusal`);
          // Socket errors carry the same codes as HTTP ones.
          if (!JSON.stringify(sub.errors).includes('"code":"FORBIDDEN"')) unexpected.push(`${key} ${role} -> ${JSON.stringify(sub.errors)}`);
        }
        sub.dispose();
        await client.dispose();
      }
    }
    expect(unexpected).toEqual([]);
  });
});
