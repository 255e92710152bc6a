import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OutreachChannel } from '../../common/domain/escalation.enums';
import { MemberModel } from '../../members/models/member.model';
import { EscalationTrigger } from '../entities/escalation.entity';

export enum PageChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(PageChannel, { name: 'PageChannel' });

export enum DeliveryState {
  /** Written or queued, not delivered yet (being retried). */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Gave up after its retries. */
  FAILED = 'FAILED',
  /** This channel is not configured, or the person has no address for it. */
  NOT_SENT = 'NOT_SENT',
}
registerEnumType(DeliveryState, { name: 'DeliveryState' });

@ObjectType('PageDelivery', { description: 'One channel of one page: for IN_APP and EMAIL per recipient, for WEBHOOK once per page.' })
export class PageDeliveryModel {
  @Field(() => PageChannel)
  channel!: PageChannel;

  @Field(() => DeliveryState)
  state!: DeliveryState;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (a status code or SMTP code; no addresses).' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  /** The recipient (IN_APP, EMAIL); null for the webhook. Resolved by the `recipient` field. */
  recipientId!: string | null;
}

@ObjectType('EscalationPage', { description: 'One page of an escalation: who it reached and how each channel fared.' })
export class EscalationPageModel {
  @Field(() => Int)
  level!: number;

  @Field(() => Int, { description: 'At the last level: how many reminders came before this page.' })
  reminder!: number;

  @Field({ description: 'The severity at the time of this page (a later signal may have raised it).' })
  severity!: string;

  @Field()
  pagedAt!: Date;

  @Field({ description: "False when it did not follow the roster (nobody on call: every clinician was paged)." })
  rosterCovered!: boolean;

  @Field(() => [PageDeliveryModel])
  deliveries!: PageDeliveryModel[];

  /** Resolved by the `recipients` field. */
  recipientIds!: string[];
}

@ObjectType('EscalationSignal', { description: 'One risk signal on an escalation: what raised it, then each one attached while it was open.' })
export class EscalationSignalModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  postId!: string | null;

  @Field({ description: 'The crisis level or severity of the signal.' })
  level!: string;

  @Field(() => EscalationTrigger, { nullable: true, description: 'Why it was raised (THREAT_TO_OTHERS asks for a duty-to-warn review); null for a risk signal.' })
  trigger!: EscalationTrigger | null;

  @Field({ description: 'It raised the escalation to a higher severity (and re-paged it).' })
  raisedSeverity!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType('EscalationOutreach', { description: 'How a clinician reached out to the client.' })
export class EscalationOutreachModel {
  @Field(() => ID)
  id!: string;

  @Field(() => OutreachChannel)
  channel!: OutreachChannel;

  @Field()
  note!: string;

  @Field()
  createdAt!: Date;

  @Field(() => MemberModel, { nullable: true })
  by!: MemberModel | null;
}

@InputType()
export class RecordOutreachInput {
  @Field(() => OutreachChannel)
  channel!: OutreachChannel;

  @Field({ description: 'What happened; required. Stays in the program, never in a notification.' })
  note!: string;
}
