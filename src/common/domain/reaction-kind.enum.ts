import { registerEnumType } from '@nestjs/graphql';

/** Supportive reactions only: there are no down-votes in a peer-support space. */
export enum ReactionKind {
  HEART = 'HEART',
  HUG = 'HUG',
  STRENGTH = 'STRENGTH',
  RELATE = 'RELATE',
  THANKS = 'THANKS',
}
registerEnumType(ReactionKind, { name: 'ReactionKind' });
