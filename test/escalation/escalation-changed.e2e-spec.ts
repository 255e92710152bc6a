import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { probeDelivery, publishEscalationChanged, subscribe, wsClient } from '../helpers/realtime';
import { insertEscalation, member } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

type Changed = { escalationChanged: { id: string; status: string; acknowledgedBy: { displayName: string } | null } };

/** The inbox's live countdown: one clinician acknowledges or resolves, every other open inbox hears of it at once. */
describe('escalationChanged', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  it("should tell a second clinician's socket when the first acknowledges, then resolves, an escalation", async () => {
    const first = await member(app, Role.CLINICIAN, 'changed-first');
    const second = await member(app, Role.CLINICIAN, 'changed-second');
    const subject = await member(app, Role.CLIENT, 'changed-subject');
    const socket = wsClient(app.url, second.token);
    const sub = subscribe<Changed>(socket, 'subscription { escalationChanged { id status acknowledgedBy { displayName } } }');
    const probe = await insertEscalation(app.dataSource, subject.id, { status: 'ACKNOWLEDGED' });
    await probeDelivery(sub, publishEscalationChanged(app, probe), (e) => e.escalationChanged.id === probe, 'the subscription to be live');

    const escalationId = await insertEscalation(app.dataSource, subject.id);
    const ack = await app.gql('mutation ($id: ID!) { acknowledgeEscalation(id: $id) { id } }', { id: escalationId }, first.token);
    expect(ack.errors).toBeUndefined();
    const acknowledged = await waitFor('the acknowledgement event', () =>
      sub.events.find((e) => e.escalationChanged.id === escalationId && e.escalationChanged.status === 'ACKNOWLEDGED'),
    );
    expect(acknowledged.escalationChanged.acknowledgedBy).not.toBeNull();

    const resolved = await app.gql(
      'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { id } }',
      { input: { escalationId, outcome: 'CONTACTED_CLIENT', note: 'Spoke with them; safe for tonight.' } },
      first.token,
    );
    expect(resolved.errors).toBeUndefined();
    // The escalation view reads the one escalation; one that does not exist is NOT_FOUND, never a 5xx.
    const viewed = await app.gql<{ escalation: { status: string; outcome: string } }>(
      'query ($id: ID!) { escalation(id: $id) { status outcome } }',
      { id: escalationId },
      second.token,
    );
    expect(viewed.data?.escalation).toEqual({ status: 'RESOLVED', outcome: 'CONTACTED_CLIENT' });
    const missing = await app.gql('query ($id: ID!) { escalation(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }, second.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await waitFor('the resolution event', () => sub.events.find((e) => e.escalationChanged.id === escalationId && e.escalationChanged.status === 'RESOLVED'));
    expect(sub.errors).toEqual([]);
    sub.dispose();
    await socket.dispose();
  });
});
