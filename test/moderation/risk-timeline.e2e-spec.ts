import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { Member, member, postWithCase, space } from '../utils/factories';
import { GraphqlResponse } from '../utils/graphql';

type TimelinePage = {
  clientRiskTimeline: {
    edges: Array<{ cursor: string; node: { id: string; kind: string; caseId: string | null; escalationId: string | null } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

/**
 * The clinician's risk timeline merges moderation's cases with escalation's risk signals and
 * escalations. Its order must be one stream's, newest first at microsecond precision and ties
 * broken by id, across every page boundary, whichever feature each entry comes from.
 */
describe("a client's risk timeline", () => {
  let app: TestApp;
  let clinician: Member;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    clinician = await member(app, Role.CLINICIAN, 'timeline-clinician');
  });

  afterAll(async () => app.close());

  it('should page cases, escalations and risk signals as one stream, newest first, ties by id', async () => {
    const spaceId = await space(app.dataSource);
    const subject = await member(app, Role.CLIENT, 'timeline-subject');
    const instants: Array<{ micro: number; entries: Array<{ id: string; kind: string }> }> = [];
    // Three instants a microsecond apart; at each, one case, one escalation and one signal at the very same time.
    for (const micro of [3, 1, 2]) {
      const at = `2100-01-01 00:00:00.00000${micro}+00`;
      const { postId, caseId } = await postWithCase(app.dataSource, spaceId, subject.id);
      await app.dataSource.query(`UPDATE moderation_cases SET opened_at = $2::timestamptz WHERE id = $1`, [caseId, at]);
      const [escalation]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO escalations (dedupe_key, subject_id, post_id, case_id, trigger, severity, ack_due_at, created_at)
         VALUES ($1, $2, $3, $4, 'MANUAL', 'ELEVATED', now() + interval '1 day', $5::timestamptz) RETURNING id`,
        [`timeline:${caseId}`, subject.id, postId, caseId, at],
      );
      const [signal]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO risk_signals (subject_id, post_id, revision, level, created_at) VALUES ($1, $2, 1, 'MODERATE', $3::timestamptz) RETURNING id`,
        [subject.id, postId, at],
      );
      const tied = [
        { id: caseId, kind: 'CASE' },
        { id: escalation.id, kind: 'ESCALATION' },
        { id: signal.id, kind: 'RISK_SIGNAL' },
      ];
      // PostgreSQL orders uuids as their lower-case text does.
      instants.push({ micro, entries: tied.sort((a, b) => (a.id < b.id ? 1 : -1)) });
    }
    const expected = instants.sort((a, b) => b.micro - a.micro).flatMap((instant) => instant.entries);

    const listed: Array<{ id: string; kind: string }> = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: GraphqlResponse<TimelinePage> = await app.gql<TimelinePage>(
        `query ($memberId: ID!, $after: String) {
           clientRiskTimeline(memberId: $memberId, first: 2, after: $after) {
             edges { cursor node { id kind caseId escalationId } } pageInfo { hasNextPage endCursor }
           }
         }`,
        { memberId: subject.id, after },
        clinician.token,
      );
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo } = res.data!.clientRiskTimeline;
      listed.push(...edges.map((e) => ({ id: e.node.id, kind: e.node.kind })));
      for (const { node } of edges) {
        if (node.kind === 'CASE') expect(node).toMatchObject({ caseId: node.id, escalationId: null });
        if (node.kind === 'ESCALATION') expect(node).toMatchObject({ escalationId: node.id });
      }
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(listed).toEqual(expected);
  });
});
