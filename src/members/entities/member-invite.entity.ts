import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../../common/domain/role.enum';

/** Who may join while `MEMBERSHIP=invited`: an identity-provider subject, optionally with the role they must sign in as. */
@Entity('member_invites')
export class MemberInviteEntity {
  @PrimaryColumn({ type: 'text' })
  sub!: string;

  @Column({ type: 'text', nullable: true })
  role!: Role | null;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
