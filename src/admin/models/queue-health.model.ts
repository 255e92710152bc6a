import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { QueueName } from '../../queue/queue.types';

registerEnumType(QueueName, { name: 'JobQueue', description: 'A BullMQ queue of the job system.' });

@ObjectType('QueueCounts', { description: 'How many jobs of one BullMQ queue are in each state (counts only: no job data).' })
export class QueueCountsModel {
  @Field(() => QueueName)
  queue!: QueueName;

  @Field(() => Int, { description: 'Waiting to run (the depth).' })
  waiting!: number;

  @Field(() => Int)
  active!: number;

  @Field(() => Int, { description: 'Failed for good after their attempts; retry puts them back.' })
  failed!: number;

  @Field(() => Int, { description: 'Scheduled for later (timers, backoff between attempts).' })
  delayed!: number;

  @Field(() => Int, { description: 'Completed and still kept (they are trimmed after an hour).' })
  completed!: number;

  @Field({ description: 'True when the queue is paused.' })
  paused!: boolean;
}

@ObjectType('QueueHealth')
export class QueueHealthModel {
  @Field(() => [QueueCountsModel])
  queues!: QueueCountsModel[];

  @Field(() => Int, { description: 'Screening requests (the outbox) not finished yet.' })
  pendingScreenings!: number;

  @Field(() => Float, { nullable: true, description: 'Seconds since the oldest unfinished screening request was written; null when none is pending.' })
  oldestPendingScreeningSeconds!: number | null;

  @Field({ description: 'When these figures were read.' })
  checkedAt!: Date;
}
