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

const ORDER: readonly CrisisLevel[] = [CrisisLevel.NONE, CrisisLevel.LOW, CrisisLevel.MODERATE, CrisisLevel.HIGH, CrisisLevel.IMMINENT];

export function crisisRank(level: CrisisLevel): number {
  return ORDER.indexOf(level);
}

export function atLeast(level: CrisisLevel, floor: CrisisLevel): boolean {
  return crisisRank(level) >= crisisRank(floor);
}
