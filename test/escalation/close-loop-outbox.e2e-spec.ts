import { Role } from '../../src/common/domain/role.enum';
import { CaseTimersService } from '../../src/moderation/case-timers.service';
import { CloseEscalationCasesService } from '../../src/moderation/close-escalation-cases.service';
import { captureLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { member, Member } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const IMMINENT_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';
/** Nothing listens here: the resolving API sees Redis as down. */
const CLOSED_REDIS_URL = 'redis://127.0.0.1:1';

interface LoopState {
  cases_closed_at: Date | null;
  case_status: string;
  assignee_id: string | null;
  post_status: string;
  notes: number;
}

describe('closing the loop when Redis is down at resolve time', () => {
  /** API + worker with Redis: screens, pages, and sweeps every second. */
  let app: TestApp;
  /** The API a clinician resolves through, with Redis unreachable: its close-escalation-cases add fails. */
  let offline: TestApp;
  const offlineLogs = captureLogs('warn');
  let clinician: Member;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all', env: { TIMER_SWEEP_SECONDS: '1', ESCALATION_ACK_SECONDS: 'IMMINENT=300,HIGH=900,ELEVATED=3600' } });
    offline = await startTestApp({ role: 'api', env: { REDIS_URL: CLOSED_REDIS_URL }, logger: offlineLogs.logger });
    clinician = await member(app, Role.CLINICIAN, 'outbox-clinician');
  });

  afterAll(async () => {
    await offline?.close();
    await app?.close();
  });

  async function loopState(escalationId: string, postId: string): Promise<LoopState> {
    const [row]: LoopState[] = await app.dataSource.query(
      `SELECT e.cases_closed_at, c.status AS case_status, c.assignee_id, p.status AS post_status,
              (SELECT count(*)::int FROM case_notes n WHERE n.case_id = c.id AND n.body LIKE 'Escalation resolved:%') AS notes
         FROM escalations e JOIN posts p ON p.id = e.post_id JOIN moderation_cases c ON c.post_id = p.id
        WHERE e.id = $1 AND p.id = $2`,
      [escalationId, postId],
    );
    return row;
  }

  it("should leave the resolve's close pending in PostgreSQL, and the sweeper should close the cases once, exactly as the job would", async () => {
    const client = await member(app, Role.CLIENT, 'outbox-client');
    const spaces = await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, client.token);
    const created = await app.gql<{ createThread: { firstPost: { id: string } } }>(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
      { input: { spaceId: spaces.data!.spaces[0].id, title: 'tonight', body: IMMINENT_TEXT } },
      client.token,
    );
    expect(created.errors).toBeUndefined();
    const postId = created.data!.createThread.firstPost.id;
    const escalationId = await waitFor('the escalation', async () => {
      const rows: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM escalations WHERE post_id = $1`, [postId]);
      return rows[0]?.id;
    });

    const resolved = await offline.gql<{ resolveEscalation: { status: string } }>(
      'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { status } }',
      { input: { escalationId, outcome: 'SAFETY_PLAN_REVIEWED', note: 'Safety plan reviewed by phone.' } },
      clinician.token,
    );
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data?.resolveEscalation.status).toBe('RESOLVED');
    // The add failed (Redis unreachable) and the resolve stood: the close is pending, nothing handed back yet.
    expect(offlineLogs.records.some((r) => r.escalationId === escalationId && String(r.msg).includes('could not enqueue close-escalation-cases'))).toBe(true);
    expect(await loopState(escalationId, postId)).toMatchObject({ cases_closed_at: null, post_status: 'HELD', notes: 0 });

    // The worker's moderation sweep (every second, after a 5 s grace) finds it and enqueues the job.
    const closed = await waitFor('the sweeper to close the cases', async () => {
      const state = await loopState(escalationId, postId);
      return state.cases_closed_at ? state : null;
    });
    expect(closed).toMatchObject({ case_status: 'OPEN', assignee_id: null, post_status: 'HELD', notes: 1 });

    // Idempotent: the job again (a re-delivery, a second sweeper) and the next sweep change nothing.
    expect(await app.running.app.get(CloseEscalationCasesService).close(escalationId)).toBe('nothing-to-close');
    expect((await app.running.app.get(CaseTimersService).sweep()).closesRequeued).toBe(0);
    expect(await loopState(escalationId, postId)).toEqual(closed);
  });
});
