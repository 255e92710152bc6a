import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ReactionKind } from '../../common/domain/reaction-kind.enum';

/** One reaction of each kind per member per post: the primary key says so. */
@Entity('reactions')
@Index('reactions_member', ['memberId'])
export class ReactionEntity {
  @PrimaryColumn({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: ReactionKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
