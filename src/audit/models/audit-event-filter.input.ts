import { Field, ID, InputType } from '@nestjs/graphql';

/** Narrows the audit log; every field is optional and they combine with AND. */
@InputType('AuditEventFilter')
export class AuditEventFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only what this member did.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action, exactly (e.g. post.viewed).' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events about this kind of target (e.g. post, space, case).' })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events about this target id.' })
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time (half-open: [from, to)).' })
  to?: Date | null;
}
