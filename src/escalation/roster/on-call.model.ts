import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OnCallTier } from '../../common/domain/escalation.enums';
import { MemberModel } from '../../members/models/member.model';

@ObjectType('OnCallShift', { description: 'One on-call shift: stored in UTC, half-open [startsAt, endsAt).' })
export class OnCallShiftModel {
  @Field(() => ID)
  id!: string;

  @Field(() => OnCallTier)
  tier!: OnCallTier;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field({ description: "startsAt in the program's time zone (PROGRAM_TIME_ZONE), for display." })
  startsAtLocal!: string;

  @Field({ description: "endsAt in the program's time zone, for display." })
  endsAtLocal!: string;

  @Field()
  createdAt!: Date;

  /** Resolved by the `clinician` field. */
  clinicianId!: string;
}

@ObjectType('OnCallNow', { description: 'Who level 1 and 2 of a page would reach right now.' })
export class OnCallNowModel {
  @Field(() => MemberModel, {
    nullable: true,
    description: 'The PRIMARY on call now (the earliest shift when shifts overlap); null: nobody, level 1 pages every clinician.',
  })
  primary!: MemberModel | null;

  @Field(() => MemberModel, { nullable: true })
  backup!: MemberModel | null;

  @Field(() => [MemberModel], { description: 'Every PRIMARY on call now (overlapping shifts are all paged).' })
  primaries!: MemberModel[];

  @Field(() => [MemberModel])
  backups!: MemberModel[];

  @Field({ description: 'False when no PRIMARY shift covers now.' })
  covered!: boolean;

  @Field({ description: "The program's IANA time zone the *Local strings use." })
  timeZone!: string;
}

export enum OnCallGapKind {
  /** Nobody is PRIMARY on call: level 1 pages every clinician. */
  NO_PRIMARY = 'NO_PRIMARY',
  /** Two shifts of the same tier at once: both are paged, probably a mistake. */
  OVERLAP = 'OVERLAP',
}
registerEnumType(OnCallGapKind, { name: 'OnCallGapKind' });

@ObjectType('OnCallGap', { description: 'A problem with the roster in a period: no PRIMARY on call, or two shifts of one tier overlapping.' })
export class OnCallGapModel {
  @Field(() => OnCallGapKind)
  kind!: OnCallGapKind;

  @Field(() => OnCallTier, { description: 'PRIMARY for a gap; the tier of the overlapping shifts for an overlap.' })
  tier!: OnCallTier;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field()
  startsAtLocal!: string;

  @Field()
  endsAtLocal!: string;

  @Field(() => [ID], { description: 'The overlapping shifts (empty for a gap).' })
  shiftIds!: string[];
}

@InputType()
export class CreateOnCallShiftInput {
  @Field(() => ID, { description: 'A member whose role is CLINICIAN.' })
  clinicianId!: string;

  @Field(() => OnCallTier)
  tier!: OnCallTier;

  @Field({ description: 'UTC instant (ISO 8601 with an offset).' })
  startsAt!: Date;

  @Field({ description: 'After startsAt; at most 31 days later.' })
  endsAt!: Date;
}
