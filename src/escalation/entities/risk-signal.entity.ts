import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CrisisLevel } from '../../common/domain/crisis-level.enum';

/** A crisis level seen in one post revision: the clinician's per-client view is built from these. */
@Entity('risk_signals')
@Unique('risk_signals_post_revision', ['postId', 'revision'])
@Index('risk_signals_subject_time', ['subjectId', 'createdAt'])
export class RiskSignalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  level!: CrisisLevel;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: unknown[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
