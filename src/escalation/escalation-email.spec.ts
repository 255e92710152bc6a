import { escalationEmail } from './escalation-email';

describe('escalation email', () => {
  const sut = escalationEmail({
    escalationId: '6d1f4c52-8a0e-4c8e-9a55-0d6f8d4c1a11',
    severity: 'IMMINENT',
    level: 1,
    ackDueAt: new Date('2026-12-02T19:05:00Z'),
    timeZone: 'America/New_York',
    publicBaseUrl: 'https://forum.example.org/',
  });

  it('should link to the escalation in the web app', () =>
    expect(sut.text).toContain('https://forum.example.org/escalations/6d1f4c52-8a0e-4c8e-9a55-0d6f8d4c1a11'));
  it("should show the deadline in the program's time zone", () => expect(sut.subject).toContain('14:05 EST'));
  it('should name the severity', () => expect(sut.subject).toContain('IMMINENT'));
});
