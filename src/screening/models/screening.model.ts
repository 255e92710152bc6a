import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CrisisLevel } from '../../common/domain/crisis-level.enum';

export enum ScreeningDecisionKind {
  PUBLISH = 'PUBLISH',
  HOLD = 'HOLD',
}
registerEnumType(ScreeningDecisionKind, { name: 'ScreeningDecision', description: 'What screening decided for one post revision.' });

@ObjectType('CrisisEvidence', { description: 'One phrase the crisis phase matched, for the moderator and the clinician.' })
export class CrisisEvidenceModel {
  @Field({ description: 'A few words around the match, normalised.' })
  phrase!: string;

  @Field({ description: 'What the phrase signals (e.g. hopelessness, plan, means, threat).' })
  construct!: string;

  @Field(() => CrisisLevel, { description: 'The tier it counted for after negation, subject and tense were taken into account.' })
  level!: CrisisLevel;

  @Field(() => String, { nullable: true, description: 'Why it counted less than its pattern (NEGATED, OTHER_PERSON, PAST, QUOTED, NO_RISK_CONTEXT, HYPOTHETICAL, GENERAL, CLINICAL).' })
  discount!: string | null;
}

@ObjectType('ToxicityScore')
export class ToxicityScoreModel {
  @Field()
  label!: string;

  @Field(() => Float, { description: 'Probability 0..1.' })
  score!: number;
}

/** What staff see of a post's screening. Never exposed to clients (the field resolver returns null). */
@ObjectType('Screening')
export class ScreeningModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The post revision this screening read.' })
  revision!: number;

  @Field(() => ScreeningDecisionKind)
  decision!: ScreeningDecisionKind;

  @Field(() => [String], { description: 'CRISIS, TOXICITY, WATCHED_WORD or SCREENING_FAILED.' })
  reasons!: string[];

  @Field(() => CrisisLevel)
  crisisLevel!: CrisisLevel;

  @Field(() => [CrisisEvidenceModel])
  crisisEvidence!: CrisisEvidenceModel[];

  @Field(() => [ToxicityScoreModel], { description: 'Label scores, highest first; empty when the model was unavailable.' })
  toxicity!: ToxicityScoreModel[];

  @Field({ description: 'ok, or unavailable when the model could not run.' })
  toxicityStatus!: string;

  @Field(() => String, { nullable: true })
  modelVersion!: string | null;

  @Field()
  screenedAt!: Date;
}
