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
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { probeDelivery, publishCaseChanged, publishEscalationChanged, publishEscalationRaised, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, Member, member, insertEscalation, postInThread, postWithCase, space, uniqueSub } from '../utils/factories';

const ANY_MEMBER = 'ANY_MEMBER';
/** Public: anyone, signed in or not (only what a person must reach without signing in: the crisis resources). */
const ANYONE = 'ANYONE';
const STAFF = [Role.PEER_SPECIALIST, Role.CLINICIAN, Role.ADMIN] as const;
const CLINICAL = [Role.CLINICIAN, Role.ADMIN] as const;
type Access = typeof ANY_MEMBER | typeof ANYONE | readonly Role[];

/**
 * Who may call what: every root field of the schema must have an entry, so an operation added
 * without deciding who may use it fails here. Anonymous callers may use nothing but what is ANYONE's.
 */
const EXPECTED_ACCESS: Record<string, Access> = {
  'Query.me': ANY_MEMBER,
  'Query.crisisResources': ANYONE,
  'Query.spaces': ANY_MEMBER,
  'Query.threads': ANY_MEMBER,
  'Query.thread': ANY_MEMBER,
  'Query.post': ANY_MEMBER,
  'Query.notifications': ANY_MEMBER,
  'Query.unreadNotificationCount': ANY_MEMBER,
  'Query.moderationQueue': STAFF,
  'Query.moderationCase': STAFF,
  'Query.escalations': CLINICAL,
  'Query.escalation': CLINICAL,
  'Query.clientRiskTimeline': CLINICAL,
  'Query.auditEvents': [Role.ADMIN],
  'Query.members': [Role.ADMIN],
  'Query.memberInvites': [Role.ADMIN],
  'Query.membershipMode': [Role.ADMIN],
  'Query.watchedWords': [Role.ADMIN],
  'Query.previewScreening': [Role.ADMIN],
  'Query.queueHealth': [Role.ADMIN],
  'Query.peerSpecialistAssignments': [Role.ADMIN],
  'Query.onCallShifts': CLINICAL,
  'Query.onCallGaps': CLINICAL,
  'Query.onCallNow': STAFF,
  'Query.onCallClinicians': [Role.ADMIN],
  'Query.myPagingEmail': CLINICAL,
  'Query.insightSpaces': STAFF,
  'Query.engagementSummary': STAFF,
  'Query.engagementSeries': STAFF,
  'Query.unansweredThreadList': STAFF,
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
  'Mutation.recordOutreach': CLINICAL,
  'Mutation.setMyPagingEmail': CLINICAL,
  'Mutation.setStaffPagingEmail': [Role.ADMIN],
  'Mutation.createOnCallShift': [Role.ADMIN],
  'Mutation.deleteOnCallShift': [Role.ADMIN],
  'Mutation.setWatchedWord': [Role.ADMIN],
  'Mutation.assignPeerSpecialist': [Role.ADMIN],
  'Mutation.unassignPeerSpecialist': [Role.ADMIN],
  'Mutation.removeWatchedWord': [Role.ADMIN],
  'Mutation.exportAuditEventsCsv': [Role.ADMIN],
  'Mutation.retryFailedJobs': [Role.ADMIN],
  'Query.exportMyData': ANY_MEMBER,
  'Mutation.setMyPseudonym': [Role.CLIENT],
  'Mutation.createSpace': [Role.ADMIN],
  'Mutation.updateSpace': [Role.ADMIN],
  'Mutation.archiveSpace': [Role.ADMIN],
  'Mutation.inviteMember': [Role.ADMIN],
  'Mutation.revokeInvite': [Role.ADMIN],
  'Mutation.dischargeMember': [Role.ADMIN],
  'Mutation.eraseMember': [Role.ADMIN],
  'Subscription.moderationQueueChanged': STAFF,
  'Subscription.myPostChanged': ANY_MEMBER,
  'Subscription.escalationRaised': CLINICAL,
  'Subscription.escalationChanged': CLINICAL,
  'Subscription.notificationAdded': ANY_MEMBER,
};

function allowed(access: Access, role: Role): boolean {
  return access === ANY_MEMBER || access === ANYONE || access.includes(role);
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
      case 'DateTime':
        return JSON.stringify(new Date().toISOString());
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
      if (access === ANYONE) {
        if (anonymous.errors || (anonymous.data?.[field.name] ?? null) === null)
          unexpected.push(`${key} anonymous refused (${JSON.stringify(anonymous.errors)})`);
      } else if (anonymous.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED' || (anonymous.data?.[field.name] ?? null) !== null) {
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
    // One event per subscription that every role granted it may see: a case in a space the peer
    // specialist moderates, an escalation (clinicians and admins see all).
    const members = new Map<Role, Member>();
    for (const role of Object.values(Role)) members.set(role, await member(app, role, `matrix-socket-${role}`));
    const client = members.get(Role.CLIENT)!;
    const probeSpace = await space(app.dataSource, { name: 'Matrix probes' });
    await assignToSpace(app.dataSource, probeSpace, members.get(Role.PEER_SPECIALIST)!.id);
    const { caseId } = await postWithCase(app.dataSource, probeSpace, client.id);
    const escalationId = await insertEscalation(app.dataSource, client.id, { status: 'ACKNOWLEDGED' });
    // myPostChanged goes to a post's author only: one post per member, an event for each.
    const ownPosts = await Promise.all(
      [...members.values()].map(async (m) => ({ postId: (await postInThread(app.dataSource, probeSpace, m.id)).postId, authorId: m.id })),
    );
    // notificationAdded goes to its member only: one notification per member, an event for each.
    const ownNotifications: Array<{ notificationId: string; memberId: string }> = [];
    for (const m of members.values()) {
      const [row]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO notifications (member_id, kind, title, body) VALUES ($1, 'POST_HELD', 'Matrix probe', 'probe') RETURNING id`,
        [m.id],
      );
      ownNotifications.push({ notificationId: row.id, memberId: m.id });
    }
    const pubsub = app.running.app.get(RedisPubSub);
    const PROBES: Record<string, () => Promise<void>> = {
      'Subscription.moderationQueueChanged': publishCaseChanged(app, { caseId, spaceId: probeSpace }),
      'Subscription.escalationRaised': publishEscalationRaised(app, escalationId),
      'Subscription.escalationChanged': publishEscalationChanged(app, escalationId),
      'Subscription.myPostChanged': async () => {
        for (const change of ownPosts) await pubsub.publish(RealtimeEvent.POST_CHANGED, change);
      },
      'Subscription.notificationAdded': async () => {
        for (const added of ownNotifications) await pubsub.publish(RealtimeEvent.NOTIFICATION_ADDED, added);
      },
    };
    const unexpected: string[] = [];
    for (const { key, field } of roots.filter((r) => r.kind === 'subscription')) {
      const access = EXPECTED_ACCESS[key];
      if (!access) continue;
      const operation = operationFor('subscription', field);
      const anonymous = wsClient(app.url, null);
      const anonSub = subscribe(anonymous, operation);
      await waitFor(`${key} anonymous refusal`, () => anonSub.errors.length > 0);
      await anonymous.dispose();
      for (const role of Object.values(Role)) {
        const socket = wsClient(app.url, members.get(role)!.token);
        const sub = subscribe(socket, operation);
        if (allowed(access, role)) {
          // Granted only when an event arrives: a refusal would end the subscription instead.
          const probe = PROBES[key];
          if (!probe) unexpected.push(`${key}: no probe event to prove a grant with`);
          else
            await probeDelivery(sub, probe, () => true, `${key} ${role} to deliver an event`).catch((error: Error) =>
              unexpected.push(`${key} ${role}: ${error.message}`),
            );
        } else {
          await waitFor(`${key} ${role} refusal`, () => sub.errors.length > 0 || sub.completed);
          // Socket errors carry the same codes as HTTP ones.
          if (!JSON.stringify(sub.errors).includes('"code":"FORBIDDEN"')) unexpected.push(`${key} ${role} -> ${JSON.stringify(sub.errors)}`);
        }
        sub.dispose();
        await socket.dispose();
      }
    }
    expect(unexpected).toEqual([]);
  });
});
