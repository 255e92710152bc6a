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

export enum EscalationOutcome {
  CONTACTED_CLIENT = 'CONTACTED_CLIENT',
  SAFETY_PLAN_REVIEWED = 'SAFETY_PLAN_REVIEWED',
  EMERGENCY_SERVICES = 'EMERGENCY_SERVICES',
  DUTY_TO_WARN_REVIEWED = 'DUTY_TO_WARN_REVIEWED',
  NO_ACTION_NEEDED = 'NO_ACTION_NEEDED',
}
registerEnumType(EscalationOutcome, { name: 'EscalationOutcome' });
