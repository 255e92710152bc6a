import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { HeldReason, PostStatus } from '../../common/domain/post-status.enum';
import { ReactionKind } from '../../common/domain/reaction-kind.enum';
import { MemberModel } from '../../members/models/member.model';
import { ConnectionType } from '../../common/pagination/connection';
import { PostEntity } from '../entities/post.entity';
import { ReactionCountModel } from './reaction-count.model';

/** What a thread page read with its posts (ThreadsRepository.readWithPage), shown by the post's fields without a lookup. */
export interface PostPageRead {
  author: MemberModel;
  reactions: ReactionCountModel[];
  viewerReactions: ReactionKind[];
}

/**
 * What the API shows of a post. The plain (non-@Field) properties are what field resolvers need
 * to load related nodes and check visibility; they never reach the schema.
 */
@ObjectType('Post')
export class PostModel {
  @Field(() => ID)
  id!: string;

  /** Sanitized HTML; the `body` field (PostsResolver) hands it out, auditing staff reads of posts that are not public. */
  body!: string | null;

  @Field(() => PostStatus)
  status!: PostStatus;

  @Field(() => Int, { description: 'Starts at 1; every edit adds one.' })
  revision!: number;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  editedAt!: Date | null;

  threadId!: string;
  spaceId!: string;
  authorId!: string;
  quotePostId!: string | null;
  heldReason!: HeldReason | null;
  /** Set on the posts of a thread page read in one statement; null wherever else a post comes from. */
  pageRead!: PostPageRead | null;

  static from(entity: PostEntity, pageRead: PostPageRead | null = null): PostModel {
    return Object.assign(new PostModel(), {
      id: entity.id,
      // Deleted text stays in the database for audit, and is shown to nobody.
      body: entity.status === PostStatus.DELETED ? null : entity.bodyHtml,
      status: entity.status,
      revision: entity.revision,
      createdAt: entity.createdAt,
      editedAt: entity.editedAt,
      threadId: entity.threadId,
      spaceId: entity.spaceId,
      authorId: entity.authorId,
      quotePostId: entity.quotePostId,
      heldReason: entity.heldReason,
      pageRead,
    });
  }
}

export const PostConnection = ConnectionType(PostModel, 'Post');
