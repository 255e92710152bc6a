import { registerEnumType } from '@nestjs/graphql';

/** Columbia-scale inspired tiers, in increasing order of risk. */
export enum CrisisLevel {
  NONE = 'NONE',
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  HIGH = 'HIGH',
  IMMINENT = 'IMMINENT',
}
registerEnumType(CrisisLevel, { name: 'CrisisLevel' });
