import { EscalationOutcome } from '../common/domain/escalation.enums';
import { CaseDecision } from '../common/domain/moderation.enums';
import { PostStatus } from '../common/domain/post-status.enum';
import { caseAfterEscalation } from './close-escalation-cases.service';

describe('a linked case after its escalation is resolved', () => {
  it('should hand a held post back to peers whatever the outcome', () => {
    for (const outcome of Object.values(EscalationOutcome)) expect(caseAfterEscalation(outcome, PostStatus.HELD)).toEqual({ kind: 'hand-back' });
  });

  it('should hand back a still-pending post (screening or a peer decides it, never the escalation)', () =>
    expect(caseAfterEscalation(EscalationOutcome.FALSE_ALARM, PostStatus.PENDING)).toEqual({ kind: 'hand-back' }));

  it('should keep peers reaching out when nobody could contact the client', () =>
    expect(caseAfterEscalation(EscalationOutcome.NO_CONTACT_POSSIBLE, PostStatus.PUBLISHED)).toEqual({ kind: 'hand-back' }));

  it('should resolve the case of a published post once the client was reached, leaving it published', () =>
    expect(caseAfterEscalation(EscalationOutcome.REACHED_CLIENT, PostStatus.PUBLISHED)).toEqual({ kind: 'resolve', decision: CaseDecision.APPROVE }));

  it('should resolve the case of a removed post as removed', () =>
    expect(caseAfterEscalation(EscalationOutcome.FALSE_ALARM, PostStatus.REMOVED)).toEqual({ kind: 'resolve', decision: CaseDecision.REMOVE }));
});
