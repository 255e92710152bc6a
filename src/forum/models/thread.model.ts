import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PostStatus } from '../../common/domain/post-status.enum';
import { ConnectionType } from '../../common/pagination/connection';
import { ThreadEntity } from '../entities/thread.entity';

/** Shown instead of the title once the first post is deleted: a title is the author's words too. */
export const DELETED_THREAD_TITLE = 'Deleted thread';

@ObjectType('Thread')
export class ThreadModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => PostStatus, { description: "The first post's status." })
  status!: PostStatus;

  @Field({ description: 'When a post in this thread last became visible to everyone.' })
  lastActivityAt!: Date;

  @Field()
  createdAt!: Date;

  spaceId!: string;
  authorId!: string;
  firstPostId!: string;

  static from(entity: ThreadEntity, firstPostStatus: PostStatus): ThreadModel {
    return Object.assign(new ThreadModel(), {
      id: entity.id,
      title: firstPostStatus === PostStatus.DELETED ? DELETED_THREAD_TITLE : entity.title,
      status: firstPostStatus,
      lastActivityAt: entity.lastActivityAt,
      createdAt: entity.createdAt,
      spaceId: entity.spaceId,
      authorId: entity.authorId,
      // Written in the same transaction as the thread, so never null once committed.
      firstPostId: entity.firstPostId ?? '',
    });
  }
}

export const ThreadConnection = ConnectionType(ThreadModel, 'Thread');
