import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EscalationSeverity } from '../../common/domain/escalation.enums';
import { CasePriority } from '../../common/domain/moderation.enums';

export enum EngagementBucket {
  DAY = 'DAY',
  WEEK = 'WEEK',
}
registerEnumType(EngagementBucket, { name: 'EngagementBucket', description: 'A series bucket: a UTC day, or an ISO week (Monday, UTC).' });

@ObjectType({
  description:
    'Minutes, as percentiles over the events that have a time (null when there are none): each time rounded to the nearest whole minute, then percentile_cont (linear interpolation) over those.',
})
export class MinutesPercentiles {
  @Field(() => Float, { nullable: true })
  p50Minutes!: number | null;

  @Field(() => Float, { nullable: true })
  p90Minutes!: number | null;

  @Field(() => Int, { description: 'How many events the percentiles are over.' })
  count!: number;
}

@ObjectType({ description: 'A count of clients; withheld (null, fewerThanFive) when 1 to 4 clients are behind it, so nobody can be singled out.' })
export class ClientCount {
  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field()
  fewerThanFive!: boolean;
}

@ObjectType()
export class ReasonCount {
  @Field()
  reason!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class CasePriorityFigures {
  @Field(() => CasePriority)
  priority!: CasePriority;

  @Field(() => Int)
  opened!: number;

  @Field(() => MinutesPercentiles, { description: 'From opening to the first claim or decision.' })
  timeToFirstLook!: MinutesPercentiles;

  @Field(() => Float, { nullable: true, description: 'Share (0..1) decided by the due time, of the cases decided or already past due.' })
  decidedWithinDueShare!: number | null;
}

@ObjectType()
export class ModerationFigures {
  @Field(() => Int)
  casesOpened!: number;

  @Field(() => [ReasonCount], { description: 'Cases opened, by reason (a case with two reasons counts under both).' })
  casesByReason!: ReasonCount[];

  @Field(() => [CasePriorityFigures])
  byPriority!: CasePriorityFigures[];

  @Field(() => MinutesPercentiles)
  timeToFirstLook!: MinutesPercentiles;

  @Field(() => Float, { nullable: true })
  decidedWithinDueShare!: number | null;
}

@ObjectType()
export class EscalationSeverityFigures {
  @Field(() => EscalationSeverity)
  severity!: EscalationSeverity;

  @Field(() => Int)
  raised!: number;

  @Field(() => MinutesPercentiles)
  timeToAcknowledge!: MinutesPercentiles;

  @Field(() => Float, { nullable: true })
  acknowledgedWithinDeadlineShare!: number | null;

  @Field(() => Int)
  climbedPastLevelOne!: number;
}

@ObjectType({ description: 'Escalation figures. Each escalation is about one client: when 1 to 4 clients are behind them, every number is withheld.' })
export class EscalationFigures {
  @Field()
  fewerThanFive!: boolean;

  @Field(() => Int, { nullable: true })
  raised!: number | null;

  @Field(() => [EscalationSeverityFigures])
  bySeverity!: EscalationSeverityFigures[];

  @Field(() => MinutesPercentiles, { nullable: true })
  timeToAcknowledge!: MinutesPercentiles | null;

  @Field(() => Float, { nullable: true, description: 'Share (0..1) acknowledged at level 1 by the deadline, of those acknowledged or past it.' })
  acknowledgedWithinDeadlineShare!: number | null;

  @Field(() => Int, { nullable: true })
  climbedPastLevelOne!: number | null;
}

@ObjectType({ isAbstract: true })
export class EngagementFigures {
  @Field(() => ClientCount, { description: 'Distinct clients with a published post in the period.' })
  activeClients!: ClientCount;

  @Field(() => Int)
  newThreads!: number;

  @Field(() => Int)
  replies!: number;

  @Field(() => Int)
  reactions!: number;

  @Field(() => Int)
  peerSpecialistReplies!: number;

  @Field(() => MinutesPercentiles, { description: "Threads started in the period: to the first published reply by someone other than the thread's author." })
  timeToFirstReply!: MinutesPercentiles;

  @Field(() => Float, { nullable: true, description: 'Share (0..1) of those first replies written by a peer specialist.' })
  peerSpecialistFirstReplyShare!: number | null;

  @Field(() => Int, { description: 'Threads started in the period at least 24 h ago.' })
  threadsPastFirstDay!: number;

  @Field(() => Int, { description: 'Of those, threads with no published reply by another member within 24 h.' })
  unansweredThreads!: number;

  @Field(() => ModerationFigures)
  moderation!: ModerationFigures;

  @Field(() => EscalationFigures, { nullable: true, description: 'Clinicians and admins only (null for peer specialists).' })
  escalations!: EscalationFigures | null;
}

@ObjectType({ description: 'Engagement and safety figures for one space or every space in your scope, over [from, to). Figures only: no post text.' })
export class EngagementSummary extends EngagementFigures {
  @Field(() => ID, { nullable: true })
  spaceId!: string | null;

  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

@ObjectType({ description: 'One bucket of a series: [from, to), clipped to the period asked for.' })
export class EngagementPoint extends EngagementFigures {
  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

@ObjectType()
export class EngagementSeries {
  @Field(() => ID, { nullable: true })
  spaceId!: string | null;

  @Field(() => EngagementBucket)
  bucket!: EngagementBucket;

  @Field(() => [EngagementPoint])
  points!: EngagementPoint[];
}

@ObjectType({ description: 'A thread waiting for an answer: ids and times only (open the thread to read it).' })
export class UnansweredThread {
  @Field(() => ID)
  threadId!: string;

  @Field(() => ID)
  spaceId!: string;

  @Field({ description: 'When its first post was published.' })
  startedAt!: Date;

  @Field(() => Float, { description: 'Hours since then.' })
  waitingHours!: number;
}

@ObjectType({ description: 'A space whose figures you may see.' })
export class InsightSpace {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}
