import { registerEnumType } from '@nestjs/graphql';

export enum EscalationStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(EscalationStatus, { name: 'EscalationStatus' });

export enum EscalationSeverity {
  IMMINENT = 'IMMINENT',
  HIGH = 'HIGH',
  /** Repeated signals, a threat to others, or raised by hand from a case. */
  ELEVATED = 'ELEVATED',
}
registerEnumType(EscalationSeverity, { name: 'EscalationSeverity' });

/**
 * How an escalation ended. The outcomes are REACHED_CLIENT, SAFETY_PLAN_REVIEWED,
 * EMERGENCY_SERVICES ("referred to emergency services"), NO_CONTACT_POSSIBLE and FALSE_ALARM; the
 * older CONTACTED_CLIENT and NO_ACTION_NEEDED stay accepted (stored rows and clients use them).
 */
export enum EscalationOutcome {
  REACHED_CLIENT = 'REACHED_CLIENT',
  /** Kept for older clients; means the same as REACHED_CLIENT. */
  CONTACTED_CLIENT = 'CONTACTED_CLIENT',
  SAFETY_PLAN_REVIEWED = 'SAFETY_PLAN_REVIEWED',
  EMERGENCY_SERVICES = 'EMERGENCY_SERVICES',
  DUTY_TO_WARN_REVIEWED = 'DUTY_TO_WARN_REVIEWED',
  NO_CONTACT_POSSIBLE = 'NO_CONTACT_POSSIBLE',
  FALSE_ALARM = 'FALSE_ALARM',
  NO_ACTION_NEEDED = 'NO_ACTION_NEEDED',
}
registerEnumType(EscalationOutcome, {
  name: 'EscalationOutcome',
  valuesMap: {
    REACHED_CLIENT: { description: 'A clinician reached the client.' },
    CONTACTED_CLIENT: { description: 'Older name of REACHED_CLIENT.' },
    SAFETY_PLAN_REVIEWED: { description: 'The safety plan was reviewed with the client.' },
    EMERGENCY_SERVICES: { description: 'The client was referred to emergency services.' },
    DUTY_TO_WARN_REVIEWED: { description: 'A threat to others was reviewed (duty to warn).' },
    NO_CONTACT_POSSIBLE: { description: 'Nobody could reach the client; peers keep trying.' },
    FALSE_ALARM: { description: 'Not a risk after all.' },
    NO_ACTION_NEEDED: { description: 'Older name, close to FALSE_ALARM.' },
  },
});

/** How a clinician reached out to the client (recordOutreach). */
export enum OutreachChannel {
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
  IN_PERSON = 'IN_PERSON',
  MESSAGE = 'MESSAGE',
  OTHER = 'OTHER',
}
registerEnumType(OutreachChannel, { name: 'OutreachChannel' });

export enum OnCallTier {
  PRIMARY = 'PRIMARY',
  BACKUP = 'BACKUP',
}
registerEnumType(OnCallTier, { name: 'OnCallTier' });
