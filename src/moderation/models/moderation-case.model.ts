import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CaseDecision, CasePriority, CaseReason, CaseStatus } from '../../common/domain/moderation.enums';
import { CrisisLevel } from '../../common/domain/crisis-level.enum';
import { PageInfo } from '../../common/pagination/connection';
import { StaffScope } from '../../common/auth/staff-scope';

/**
 * A moderation case as staff see it. `post`, `assignee`, `author`, `notes`, `evidence`,
 * `threadContext` and the author's history are field resolvers; the plain ids stay server-side.
 */
@ObjectType('ModerationCase')
export class ModerationCaseModel {
  @Field(() => ID)
  id!: string;

  @Field(() => [CaseReason])
  reasons!: CaseReason[];

  @Field(() => CasePriority)
  priority!: CasePriority;

  @Field(() => CaseStatus, { description: 'A claim whose lease lapsed reads as OPEN.' })
  status!: CaseStatus;

  @Field()
  dueAt!: Date;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => CaseDecision, { nullable: true })
  decision!: CaseDecision | null;

  @Field(() => Date, { nullable: true, description: 'When the current claim lapses unless the moderator keeps working the case.' })
  leaseExpiresAt!: Date | null;

  @Field(() => ID)
  postId!: string;

  spaceId!: string;
  subjectId!: string;
  assigneeId!: string | null;
}

@ObjectType('CaseNote')
export class CaseNoteModel {
  @Field(() => ID)
  id!: string;

  @Field()
  body!: string;

  @Field()
  createdAt!: Date;

  authorId!: string | null;
}

/** What screening saw in the post's current revision (staff only). */
@ObjectType('CaseEvidence')
export class CaseEvidenceModel {
  @Field(() => Int)
  revision!: number;

  @Field()
  decision!: string;

  @Field(() => CrisisLevel)
  crisisLevel!: CrisisLevel;

  @Field(() => [String], { description: 'Matched crisis evidence, one JSON object per item.' })
  crisisEvidence!: string[];

  @Field(() => String, { nullable: true, description: 'Toxicity label scores as a JSON object; null when the model was unavailable.' })
  toxicity!: string | null;

  @Field(() => [String], { description: 'Watched-word hits, one JSON object per item.' })
  watchedWordHits!: string[];

  @Field(() => [String])
  reasons!: string[];

  @Field()
  screenedAt!: Date;
}

@ObjectType('RiskSignal')
export class RiskSignalModel {
  @Field(() => ID)
  id!: string;

  @Field(() => CrisisLevel)
  level!: CrisisLevel;

  @Field(() => ID)
  postId!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('QueueCount')
export class QueueCountModel {
  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field(() => CasePriority)
  priority!: CasePriority;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ModerationCaseEdge')
export class ModerationCaseEdge {
  @Field()
  cursor!: string;

  @Field(() => ModerationCaseModel)
  node!: ModerationCaseModel;
}

/** The queue page, plus counts per status and priority over the viewer's whole queue (same predicates as the list). */
@ObjectType('ModerationCaseConnection')
export class ModerationCaseConnection {
  @Field(() => [ModerationCaseEdge])
  edges!: ModerationCaseEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Whose queue this is: `counts` (a field resolver, run only when asked for) counts over it. */
  scope!: StaffScope;
}
