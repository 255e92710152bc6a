import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A peer specialist assigned to a space: they see its held posts and its moderation cases. */
@Entity('space_moderators')
export class SpaceModeratorEntity {
  @PrimaryColumn({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @Index('space_moderators_member_id')
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
