import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { signDevToken } from '../../src/common/auth/dev-token';
import { Role } from '../../src/common/domain/role.enum';
import { TEST_JWT_SECRET } from './environment';
import { GraphqlResponse } from './graphql';

/**
 * Members, tokens, spaces and posts for tests. Members are made the way the app makes them (on
 * first sight of a token); spaces and cases are written straight to the tables, since what
 * creates them is tested elsewhere.
 */

/** A unique subject per test, so tests never share members by accident. */
export function uniqueSub(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface TokenClaims {
  name?: string;
  cohort?: string;
  /** Expiry: seconds since the epoch, or a duration such as '2h' (default 12 hours). */
  expiresAt?: number | string;
}

/** A development token as every app on a test environment checks it (TEST_JWT_SECRET). */
export function signToken(sub: string, role: Role, claims: TokenClaims = {}): Promise<string> {
  const { expiresAt, ...rest } = claims;
  return signDevToken(TEST_JWT_SECRET, { sub, role, ...rest }, expiresAt);
}

/** What the factories need of an app: the in-process TestApp and an AppProcess both have it. */
export interface GraphqlApp {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
}

export interface Member {
  id: string;
  token: string;
}

/** A member of the given role, created by the app on first sight of their token. */
export async function member(app: GraphqlApp, role: Role, label: string, claims: TokenClaims = {}): Promise<Member> {
  const token = await signToken(uniqueSub(label), role, claims);
  const res = await app.gql<{ me: { id: string } }>('{ me { id } }', {}, token);
  if (!res.data?.me) throw new Error(`could not create member: ${JSON.stringify(res.errors)}`);
  return { id: res.data.me.id, token };
}

/** A space of its own per test file, so counts and lists are not shared with other tests. */
export async function space(dataSource: DataSource, options: { name?: string; cohort?: string | null } = {}): Promise<string> {
  const rows: Array<{ id: string }> = await dataSource.query(`INSERT INTO spaces (slug, name, description, cohort) VALUES ($1, $2, '', $3) RETURNING id`, [
    `test-${randomUUID()}`,
    options.name ?? 'Test space',
    options.cohort ?? null,
  ]);
  return rows[0].id;
}

/** Makes a peer specialist one of the space's moderators (what assignPeerSpecialist does). */
export async function assignToSpace(dataSource: DataSource, spaceId: string, peerId: string): Promise<void> {
  await dataSource.query(`INSERT INTO space_moderators (space_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [spaceId, peerId]);
}

/** A thread with its first post in the given state, written straight to the tables (no screening request). */
export async function postInThread(
  dataSource: DataSource,
  spaceId: string,
  authorId: string,
  options: { status?: 'HELD' | 'PUBLISHED'; text?: string } = {},
): Promise<{ postId: string; threadId: string }> {
  const { status = 'PUBLISHED', text = 'hi' } = options;
  const [thread]: Array<{ id: string }> = await dataSource.query(`INSERT INTO threads (space_id, author_id, title) VALUES ($1, $2, 't') RETURNING id`, [
    spaceId,
    authorId,
  ]);
  const [post]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO posts (thread_id, space_id, author_id, status, held_reason, body_html, body_text, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $4 = 'PUBLISHED' THEN now() END) RETURNING id`,
    [thread.id, spaceId, authorId, status, status === 'HELD' ? 'TOXICITY' : null, `<p>${text}</p>`, text],
  );
  await dataSource.query(`UPDATE threads SET first_post_id = $1 WHERE id = $2`, [post.id, thread.id]);
  return { postId: post.id, threadId: thread.id };
}

const PRIORITY_RANK: Record<string, number> = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

/**
 * A thread whose first post has an open moderation case, written straight to the tables (the
 * screening that would open it is tested elsewhere). A HELD post is held for TOXICITY; the case
 * is due in 30 minutes, or a second ago when `overdue`.
 */
export async function postWithCase(
  dataSource: DataSource,
  spaceId: string,
  authorId: string,
  options: { priority?: string; status?: 'HELD' | 'PUBLISHED'; text?: string; overdue?: boolean } = {},
): Promise<{ postId: string; caseId: string; dueAt: Date }> {
  const { priority = 'HIGH', status = 'HELD', text = 'hi', overdue = false } = options;
  const { postId } = await postInThread(dataSource, spaceId, authorId, { status, text });
  await dataSource.query(`INSERT INTO screenings (post_id, revision, decision) VALUES ($1, 1, 'HOLD')`, [postId]);
  const [c]: Array<{ id: string; due_at: Date }> = await dataSource.query(
    `INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at)
     VALUES ($1, $2, $3, ARRAY['TOXICITY'], $4, $5, now() + CASE WHEN $6 THEN interval '-1 second' ELSE interval '30 minutes' END) RETURNING id, due_at`,
    [postId, spaceId, authorId, priority, PRIORITY_RANK[priority], overdue],
  );
  return { postId, caseId: c.id, dueAt: c.due_at };
}

/**
 * An escalation about `subjectId`, written straight to the table with no page job: an OPEN one
 * is paged by the sweeper of an app that runs the worker, an ACKNOWLEDGED one is left alone.
 * `createdSecondsAgo` dates it back.
 */
export async function insertEscalation(
  dataSource: DataSource,
  subjectId: string,
  options: { postId?: string; createdSecondsAgo?: number; status?: 'OPEN' | 'ACKNOWLEDGED' } = {},
): Promise<string> {
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, status, ack_due_at, created_at)
     VALUES ($1, $2, $3, 'MANUAL', 'ELEVATED', $4, now() + interval '1 hour', now() - make_interval(secs => $5)) RETURNING id`,
    [uniqueSub('escalation'), subjectId, options.postId ?? null, options.status ?? 'OPEN', options.createdSecondsAgo ?? 0],
  );
  return row.id;
}
