import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CrisisLevel } from '../../common/domain/crisis-level.enum';
import { ConnectionType } from '../../common/pagination/connection';

export enum RiskTimelineKind {
  RISK_SIGNAL = 'RISK_SIGNAL',
  CASE = 'CASE',
  ESCALATION = 'ESCALATION',
}
registerEnumType(RiskTimelineKind, { name: 'RiskTimelineKind' });

/** One moment in a client's risk history: a crisis signal, a moderation case or an escalation. */
@ObjectType('RiskTimelineEntry')
export class RiskTimelineEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => RiskTimelineKind)
  kind!: RiskTimelineKind;

  @Field()
  at!: Date;

  @Field(() => CrisisLevel, { nullable: true, description: 'Risk signals: the crisis level seen.' })
  crisisLevel!: CrisisLevel | null;

  @Field(() => String, { nullable: true, description: 'Cases: the priority; escalations: the severity.' })
  grade!: string | null;

  @Field(() => String, { nullable: true, description: 'Cases and escalations: their status now.' })
  status!: string | null;

  @Field(() => ID, { nullable: true })
  postId!: string | null;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  @Field(() => ID, { nullable: true })
  escalationId!: string | null;
}

export const RiskTimelineConnection = ConnectionType(RiskTimelineEntryModel, 'RiskTimeline');
