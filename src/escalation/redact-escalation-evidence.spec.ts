import { REDACTED } from '../common/text/redact-quoted-text';
import { redactEscalationEvidence } from './redact-escalation-evidence';

describe('redactEscalationEvidence', () => {
  const item = (phrase: string) => ({ patternId: 'active-ideation', tier: 'HIGH', phrase });
  const own = item('opening words');
  const fromB = item('words of post b');
  const fromC = item('words of post c');
  const evidence = [own, fromB, fromC];
  const signals = [
    { postId: 'a', evidence: [] },
    { postId: 'b', evidence: [fromB] },
    { postId: 'c', evidence: [fromC] },
  ];

  it('should redact only the items an attached purged post appended', () =>
    expect(redactEscalationEvidence(evidence, 'a', signals, new Set(['b']))).toEqual([own, item(REDACTED), fromC]));

  it("should redact the opening items when the escalation's own post is purged, and keep the attached posts'", () =>
    expect(redactEscalationEvidence(evidence, 'a', signals, new Set(['a']))).toEqual([item(REDACTED), fromB, fromC]));

  it('should keep the pattern, tier and every other key of a redacted item', () =>
    expect(redactEscalationEvidence([{ ...fromB, score: 0.9 }], 'a', [{ postId: 'b', evidence: [{ ...fromB, score: 0.9 }] }], new Set(['b']))).toEqual([
      { ...item(REDACTED), score: 0.9 },
    ]));

  it('should redact one copy per purged post when two posts quote the same words', () => {
    const same = item('same words');
    const twice = [
      { postId: 'b', evidence: [same] },
      { postId: 'c', evidence: [same] },
    ];
    expect(redactEscalationEvidence([own, same, same], 'a', twice, new Set(['b']))).toEqual([own, item(REDACTED), same]);
  });

  it('should redact a copy left quoting a post whose signal an earlier run redacted', () => {
    const earlier = [
      { postId: 'b', evidence: [item(REDACTED)] },
      { postId: 'c', evidence: [fromC] },
    ];
    expect(redactEscalationEvidence(evidence, 'a', earlier, new Set(['c']))).toEqual([own, item(REDACTED), item(REDACTED)]);
  });

  it("should not take the opening item of a post that keeps its text for an earlier run's leftover", () => {
    const earlier = [{ postId: 'b', evidence: [item(REDACTED)] }];
    expect(redactEscalationEvidence([own, fromB], 'a', earlier, new Set(['x']))).toEqual([own, item(REDACTED)]);
  });

  it('should change nothing when no post of the escalation is purged', () =>
    expect(redactEscalationEvidence(evidence, 'a', signals, new Set(['x']))).toEqual(evidence));
});
