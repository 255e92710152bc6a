import { EscalationSeverity } from '../common/domain/escalation.enums';

/** Minutes a clinician has to acknowledge before the escalation climbs a level. */
export const ACK_MINUTES: Record<EscalationSeverity, number> = {
  [EscalationSeverity.IMMINENT]: 5,
  [EscalationSeverity.HIGH]: 15,
  [EscalationSeverity.ELEVATED]: 4 * 60,
};
