import { REDACTED, redactQuotedText } from './redact-quoted-text';

describe('redactQuotedText', () => {
  it('should replace quoted spans at any depth and keep ids, tiers and numbers', () => {
    const evidence = [{ patternId: 'p1', tier: 'HIGH', phrase: 'i want to end it', nested: { text: 'words', score: 0.9 } }, 'kept'];
    expect(redactQuotedText(evidence)).toEqual([{ patternId: 'p1', tier: 'HIGH', phrase: REDACTED, nested: { text: REDACTED, score: 0.9 } }, 'kept']);
  });

  it('should leave values without text as they are', () => {
    expect(redactQuotedText(null)).toBeNull();
    expect(redactQuotedText({ level: 'LOW', count: 2 })).toEqual({ level: 'LOW', count: 2 });
  });
});
