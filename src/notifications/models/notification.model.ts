import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/pagination/connection';
import { NotificationKind } from '../entities/notification.entity';

registerEnumType(NotificationKind, { name: 'NotificationKind' });

/** An in-app message: a title and body written for the member, plus ids to link to (never post text). */
@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => ID, { nullable: true })
  postId!: string | null;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  @Field(() => ID, { nullable: true })
  escalationId!: string | null;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;

  @Field()
  createdAt!: Date;
}

export const NotificationConnection = ConnectionType(NotificationModel, 'Notification');
