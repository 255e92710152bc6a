import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EscalationOutcome, EscalationSeverity, EscalationStatus } from '../../common/domain/escalation.enums';
import { ConnectionType } from '../../common/pagination/connection';
import { EscalationTrigger } from '../entities/escalation.entity';

registerEnumType(EscalationTrigger, { name: 'EscalationTrigger' });

/**
 * A risk signal routed to clinicians. `post`, `case`, `acknowledgedBy` and `subject` are field
 * resolvers; the ids below them stay server-side. The clinical fields (deadline, level, outcome,
 * notes, evidence) are guarded field resolvers too: see EscalationResolver for who reads which.
 */
@ObjectType('Escalation')
export class EscalationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => EscalationSeverity)
  severity!: EscalationSeverity;

  @Field(() => EscalationStatus)
  status!: EscalationStatus;

  @Field(() => EscalationTrigger)
  trigger!: EscalationTrigger;

  @Field(() => Int, { description: '1 on-call clinician, 2 backup, 3 all clinicians, 4 every clinician and admin.' })
  level!: number;

  @Field(() => Int, { description: 'Times everyone at the last level was paged again because nobody acknowledged.' })
  reminders!: number;

  @Field()
  ackDueAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true })
  ackNote!: string | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => EscalationOutcome, { nullable: true })
  outcome!: EscalationOutcome | null;

  @Field(() => String, { nullable: true })
  resolutionNote!: string | null;

  @Field(() => String, { nullable: true, description: 'Why a person raised it (manual escalations).' })
  note!: string | null;

  @Field(() => [String], { description: 'The matched risk evidence, one JSON object per item.' })
  evidence!: string[];

  @Field(() => ID, { nullable: true })
  postId!: string | null;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  subjectId!: string;
  acknowledgedById!: string | null;
}

export const EscalationConnection = ConnectionType(EscalationModel, 'Escalation');
