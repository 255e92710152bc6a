import type { ToxicityScores } from '../toxicity/toxicity.port';
import type { CrisisAssessment, CrisisLevel } from './crisis-detector';
import { decideAfterScreeningFailed, decideScreening, type PolicyInput } from './screening-policy';
import type { WatchedWordHit } from './watched-words';

const crisis = (level: CrisisLevel, overrides: Partial<CrisisAssessment> = {}): CrisisAssessment => ({
  level,
  namesMethodOrMeans: false,
  evidence: [],
  threatToOthers: false,
  threatEvidence: [],
  ...overrides,
});
const calmScores: ToxicityScores = {
  identity_attack: 0.01,
  insult: 0.02,
  obscene: 0.01,
  severe_toxicity: 0,
  sexual_explicit: 0,
  threat: 0.01,
  toxicity: 0.03,
};
const input = (overrides: Partial<PolicyInput> = {}): PolicyInput => ({
  crisis: crisis('NONE'),
  watchedWordHits: [],
  toxicityScores: calmScores,
  toxicityUnavailable: false,
  ...overrides,
});
const hit = (action: 'HOLD' | 'FLAG'): WatchedWordHit => ({ source: 'ADMIN_LIST', ruleId: 'w', phrase: 'x', action, why: 'test' });

describe(decideScreening.name, () => {
  it('should publish a calm post with no case', () => {
    expect(decideScreening(input())).toEqual({
      status: 'PUBLISHED',
      decision: 'PUBLISH',
      heldReason: null,
      reasons: [],
      casePriority: null,
      escalation: null,
      riskSignal: null,
      authorNotice: null,
    });
  });

  it('should hold IMMINENT with an urgent case, a page and crisis resources', () => {
    expect(decideScreening(input({ crisis: crisis('IMMINENT') }))).toEqual({
      status: 'HELD',
      decision: 'HOLD',
      heldReason: 'CRISIS',
      reasons: ['CRISIS'],
      casePriority: 'URGENT',
      escalation: { severity: 'IMMINENT', trigger: 'CRISIS' },
      riskSignal: 'IMMINENT',
      authorNotice: 'CRISIS_RESOURCES',
    });
  });

  it('should hold HIGH with a HIGH escalation', () => {
    expect(decideScreening(input({ crisis: crisis('HIGH') }))).toEqual(
      expect.objectContaining({
        status: 'HELD',
        casePriority: 'URGENT',
        escalation: { severity: 'HIGH', trigger: 'CRISIS' },
        authorNotice: 'CRISIS_RESOURCES',
      }),
    );
  });

  it('should publish MODERATE with a HIGH outreach case and a supportive note', () => {
    expect(decideScreening(input({ crisis: crisis('MODERATE') }))).toEqual({
      status: 'PUBLISHED',
      decision: 'PUBLISH',
      heldReason: null,
      reasons: ['CRISIS'],
      casePriority: 'HIGH',
      escalation: null,
      riskSignal: 'MODERATE',
      authorNotice: 'SUPPORTIVE_RESOURCES',
    });
  });

  it('should hold MODERATE when a method or means is named', () => {
    expect(decideScreening(input({ crisis: crisis('MODERATE', { namesMethodOrMeans: true }) }))).toEqual(
      expect.objectContaining({ status: 'HELD', heldReason: 'CRISIS', authorNotice: 'CRISIS_RESOURCES' }),
    );
  });

  it('should publish LOW and record only a risk signal', () => {
    expect(decideScreening(input({ crisis: crisis('LOW') }))).toEqual(
      expect.objectContaining({ status: 'PUBLISHED', casePriority: null, riskSignal: 'LOW', authorNotice: null }),
    );
  });

  it('should hold a threat to others with an urgent case and a duty-to-warn escalation', () => {
    expect(decideScreening(input({ crisis: crisis('NONE', { threatToOthers: true }) }))).toEqual(
      expect.objectContaining({
        status: 'HELD',
        heldReason: 'THREAT',
        casePriority: 'URGENT',
        escalation: { severity: 'HIGH', trigger: 'THREAT_TO_OTHERS' },
      }),
    );
  });

  it('should publish a threat said as a joke with a case for a peer, not a page', () => {
    const jest = {
      patternId: 'threat.harm-someone',
      construct: 'THREAT_TO_OTHERS',
      tier: 'HIGH',
      effectiveTier: 'NONE',
      phrase: 'kill my boss',
      discount: 'HYPOTHETICAL',
    } as const;
    const sut = decideScreening(input({ crisis: crisis('NONE', { threatEvidence: [jest] }) }));
    expect(sut).toEqual(expect.objectContaining({ status: 'PUBLISHED', reasons: ['CRISIS'], casePriority: 'NORMAL', escalation: null }));
  });

  it('should not open a case for a threat that was quoted or negated', () => {
    const quoted = {
      patternId: 'threat.harm-someone',
      construct: 'THREAT_TO_OTHERS',
      tier: 'HIGH',
      effectiveTier: 'NONE',
      phrase: 'kill them all',
      discount: 'QUOTED',
    } as const;
    expect(decideScreening(input({ crisis: crisis('NONE', { threatEvidence: [quoted] }) }))).toEqual(
      expect.objectContaining({ status: 'PUBLISHED', casePriority: null }),
    );
  });

  it('should hold a watched word HOLD with a kind note', () => {
    expect(decideScreening(input({ watchedWordHits: [hit('HOLD')] }))).toEqual(
      expect.objectContaining({ status: 'HELD', heldReason: 'WATCHED_WORD', reasons: ['WATCHED_WORD'], casePriority: 'NORMAL', authorNotice: 'POST_HELD' }),
    );
  });

  it('should publish a FLAG-only post with a NORMAL case', () => {
    expect(decideScreening(input({ watchedWordHits: [hit('FLAG')] }))).toEqual(
      expect.objectContaining({ status: 'PUBLISHED', heldReason: null, reasons: ['WATCHED_WORD'], casePriority: 'NORMAL', authorNotice: null }),
    );
  });

  it('should hold abuse over the threshold', () => {
    expect(decideScreening(input({ toxicityScores: { ...calmScores, insult: 0.93 } }))).toEqual(
      expect.objectContaining({ status: 'HELD', heldReason: 'TOXICITY', reasons: ['TOXICITY'], casePriority: 'NORMAL' }),
    );
  });

  it('should raise the priority of very confident abuse', () => {
    expect(decideScreening(input({ toxicityScores: { ...calmScores, identity_attack: 0.99 } })).casePriority).toBe('HIGH');
  });

  it('should not hold on the threat label, which crisis posts also score high on', () => {
    expect(decideScreening(input({ toxicityScores: { ...calmScores, threat: 0.99 } })).status).toBe('PUBLISHED');
  });

  it('should honour a configured threshold', () => {
    expect(decideScreening(input({ toxicityScores: { ...calmScores, insult: 0.6 } }), { toxicityHoldThresholds: { insult: 0.5 } }).status).toBe('HELD');
  });

  it('should hold everything for review when toxicity is required and unavailable', () => {
    expect(decideScreening(input({ toxicityScores: null, toxicityUnavailable: true }))).toEqual(
      expect.objectContaining({
        status: 'HELD',
        heldReason: 'SCREENING_FAILED',
        reasons: ['SCREENING_FAILED'],
        casePriority: 'NORMAL',
        authorNotice: 'POST_HELD',
      }),
    );
  });

  it('should publish without toxicity when it is not required', () => {
    expect(decideScreening(input({ toxicityScores: null, toxicityUnavailable: true }), { toxicityRequired: false }).status).toBe('PUBLISHED');
  });

  it('should show the most serious reason on a post held for several', () => {
    const abusive = { ...calmScores, insult: 0.93 };
    expect(
      decideScreening(input({ crisis: crisis('NONE', { threatToOthers: true }), watchedWordHits: [hit('HOLD')], toxicityScores: abusive })).heldReason,
    ).toBe('THREAT');
    expect(decideScreening(input({ watchedWordHits: [hit('HOLD')], toxicityScores: abusive })).heldReason).toBe('WATCHED_WORD');
    expect(decideScreening(input({ watchedWordHits: [hit('FLAG')], toxicityScores: abusive })).heldReason).toBe('TOXICITY');
  });

  it('should keep crisis handling when a crisis post is also abusive', () => {
    expect(decideScreening(input({ crisis: crisis('HIGH'), watchedWordHits: [hit('HOLD')] }))).toEqual(
      expect.objectContaining({ heldReason: 'CRISIS', casePriority: 'URGENT', reasons: ['CRISIS', 'WATCHED_WORD'], authorNotice: 'CRISIS_RESOURCES' }),
    );
  });
});

describe(decideAfterScreeningFailed.name, () => {
  it('should hold with an urgent SCREENING_FAILED case', () => {
    expect(decideAfterScreeningFailed()).toEqual(
      expect.objectContaining({
        status: 'HELD',
        heldReason: 'SCREENING_FAILED',
        reasons: ['SCREENING_FAILED'],
        casePriority: 'URGENT',
        authorNotice: 'POST_HELD',
      }),
    );
  });

  it('should act on what the crisis phase read, and still show the post as held for the failed screening', () => {
    expect(decideAfterScreeningFailed(crisis('IMMINENT'))).toEqual({
      status: 'HELD',
      decision: 'HOLD',
      heldReason: 'SCREENING_FAILED',
      reasons: ['CRISIS', 'SCREENING_FAILED'],
      casePriority: 'URGENT',
      escalation: { severity: 'IMMINENT', trigger: 'CRISIS' },
      riskSignal: 'IMMINENT',
      authorNotice: 'CRISIS_RESOURCES',
    });
  });

  it('should give crisis resources, not only support, to a MODERATE post it holds', () => {
    expect(decideAfterScreeningFailed(crisis('MODERATE')).authorNotice).toBe('CRISIS_RESOURCES');
  });
});
