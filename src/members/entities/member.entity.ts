import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../common/domain/role.enum';

/**
 * A person known by their identity-provider subject. Only a pseudonym is stored: never a legal
 * name or contact details.
 */
@Entity('members')
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('members_sub', { unique: true })
  @Column({ type: 'text' })
  sub!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  cohort!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  /** When a client last chose their pseudonym (at most once a week); null while it is the generated one. */
  @Column({ name: 'pseudonym_chosen_at', type: 'timestamptz', nullable: true })
  pseudonymChosenAt!: Date | null;

  /** Discharged from the program: every request is refused; their posts stay under their pseudonym. */
  @Column({ name: 'discharged_at', type: 'timestamptz', nullable: true })
  dischargedAt!: Date | null;

  @Column({ name: 'discharged_by', type: 'uuid', nullable: true })
  dischargedBy!: string | null;

  /** Erased at their request: their posts' text is gone and the pseudonym reads "Former member". */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
