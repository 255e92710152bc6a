import { signWebhook, verifyWebhook } from './escalation-webhook';

describe('escalation webhook signature', () => {
  const secret = 'a-webhook-secret-of-some-length';
  const body = JSON.stringify({ escalationId: 'e1', level: 1 });
  const now = Date.parse('2026-01-01T00:00:00Z');
  const ts = String(Math.floor(now / 1000));

  it('should verify a fresh signature over timestamp and body', () => {
    expect(verifyWebhook(secret, ts, body, signWebhook(secret, ts, body), 300, now)).toBe(true);
  });

  it('should refuse a changed body', () => {
    expect(verifyWebhook(secret, ts, body.replace('e1', 'e2'), signWebhook(secret, ts, body), 300, now)).toBe(false);
  });

  it('should refuse a replay with a new timestamp and the old signature', () => {
    const later = String(Number(ts) + 60);
    expect(verifyWebhook(secret, later, body, signWebhook(secret, ts, body), 300, now + 60_000)).toBe(false);
  });

  it('should refuse a timestamp outside the tolerance', () => {
    expect(verifyWebhook(secret, ts, body, signWebhook(secret, ts, body), 300, now + 301_000)).toBe(false);
  });
});
