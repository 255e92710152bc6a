import { CasePriority, CaseReason } from '../../common/domain/moderation.enums';
import { PostStatus } from '../../common/domain/post-status.enum';
import { detectCrisis } from './crisis-detector';
import { normaliseText } from './normalise';
import { agreementPhrase, readScreeningContext, type ScreeningContext } from './screening-context';
import { decideScreening } from './screening-policy';
import { speakerQuotedRanges } from './speaker-frames';

const signalsOf = (text: string, context: ScreeningContext) => {
  const normalised = normaliseText(text);
  return readScreeningContext(normalised.text, speakerQuotedRanges(normalised, context), context);
};
/** The policy's decision for a post with this context, as the pipeline would ask for it. */
const decide = (text: string, context: ScreeningContext) => {
  const normalised = normaliseText(text);
  return decideScreening({
    crisis: detectCrisis(normalised, context),
    watchedWordHits: [],
    toxicityScores: null,
    toxicityUnavailable: false,
    context: signalsOf(text, context),
  });
};
const HIGH_PARENT = { postId: 'parent', level: 'HIGH' } as const;

describe('author and thread context', () => {
  describe('an author with a recent MODERATE+ signal', () => {
    const recent = { authorRecentSignal: { level: 'HIGH', daysAgo: 3.4 } } as const;
    const lowPost = 'Everything feels hopeless this week.';

    it('should publish a LOW post and open a LOW-priority check-in case', () => {
      const decision = decide(lowPost, recent);
      expect(decision.status).toBe(PostStatus.PUBLISHED);
      expect(decision.reasons).toEqual([CaseReason.CHECK_IN]);
      expect(decision.casePriority).toBe(CasePriority.LOW);
    });

    it('should say so in the evidence staff see', () => {
      expect(signalsOf(lowPost, recent).evidence.map((item) => item.phrase)).toEqual(['author had a HIGH signal 3 days ago']);
    });

    it('should read as plain English for an imminent signal too', () => {
      const imminent = { authorRecentSignal: { level: 'IMMINENT', daysAgo: 0.2 } } as const;
      expect(signalsOf(lowPost, imminent).evidence.map((item) => item.phrase)).toEqual(['author had an IMMINENT signal today']);
    });

    it('should not open a check-in for a post with no distress at all', () => {
      expect(decide('Group was good today, thanks all.', recent).casePriority).toBeNull();
    });

    it('should not reach further back than the window', () => {
      expect(decide(lowPost, { authorRecentSignal: { level: 'HIGH', daysAgo: 15 } }).reasons).not.toContain(CaseReason.CHECK_IN);
    });

    it('should not count a recent LOW signal', () => {
      expect(decide(lowPost, { authorRecentSignal: { level: 'LOW', daysAgo: 1 } }).reasons).not.toContain(CaseReason.CHECK_IN);
    });

    it('should leave a MODERATE post with its own crisis case', () => {
      const decision = decide('I want to die.', recent);
      expect(decision.reasons).toEqual([CaseReason.CRISIS]);
      expect(decision.casePriority).toBe(CasePriority.HIGH);
    });
  });

  describe('a reply that agrees with a post rated MODERATE+', () => {
    it('should open a check-in case for "me too" to a HIGH post, and publish it', () => {
      const decision = decide('Me too. Sending hugs.', { repliedTo: HIGH_PARENT });
      expect(decision.status).toBe(PostStatus.PUBLISHED);
      expect(decision.reasons).toEqual([CaseReason.CHECK_IN]);
      expect(decision.casePriority).toBe(CasePriority.LOW);
      expect(signalsOf('Me too. Sending hugs.', { repliedTo: HIGH_PARENT }).evidence.map((item) => item.phrase)).toEqual([
        'agrees with a post rated HIGH: "me too"',
      ]);
    });

    it('should keep the crisis case of a reply in crisis itself, with the check-in reason beside it', () => {
      const decision = decide('me too, I want it to end', { repliedTo: HIGH_PARENT });
      expect(decision.reasons).toEqual(expect.arrayContaining([CaseReason.CRISIS, CaseReason.CHECK_IN]));
      expect(decision.casePriority).toBe(CasePriority.HIGH);
    });

    it('should not open one when the post replied to is below MODERATE', () => {
      expect(decide('Same here!', { repliedTo: { postId: 'parent', level: 'LOW' } }).casePriority).toBeNull();
    });

    it('should not open one for a reply that does not agree', () => {
      expect(decide('Please call your care team today, we are here for you.', { repliedTo: HIGH_PARENT }).casePriority).toBeNull();
    });

    it('should not open one for agreement inside a quote block', () => {
      expect(decide('Me too.\n\nI hear you, that sounds so hard.', { repliedTo: HIGH_PARENT, quotedPassages: ['Me too.'] }).casePriority).toBeNull();
    });
  });

  describe(agreementPhrase.name, () => {
    it.each(['me too', 'same here, every night', 'i feel the same way', 'honestly, same.', 'wow. this is exactly how i feel', 'i could have written this'])(
      'should find agreement in "%s"',
      (text) => {
        expect(agreementPhrase(text, [])).not.toBeNull();
      },
    );

    it.each(['not me too', 'i do not feel the same', 'we went to the same here place', 'my sister said the same thing'])('should find none in "%s"', (text) => {
      expect(agreementPhrase(text, [])).toBeNull();
    });
  });
});
