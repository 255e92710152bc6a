import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/pagination/connection';

/** One audit event as admins see it: ids, codes and counts, never post text. */
@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The member who acted; null for the system (the screening worker).' })
  actorId!: string | null;

  @Field({ description: "The actor's role, or SYSTEM." })
  actorRole!: string;

  @Field({ description: 'What happened, e.g. post.deleted, case.resolved, post.viewed.' })
  action!: string;

  @Field()
  targetType!: string;

  @Field()
  targetId!: string;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field({ description: 'Details as JSON (ids, codes and counts).' })
  details!: string;

  @Field()
  createdAt!: Date;
}

export const AuditEventConnection = ConnectionType(AuditEventModel, 'AuditEvent');
