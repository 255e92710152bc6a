import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CrisisLevel } from '../../common/domain/crisis-level.enum';
import { ScreeningDecisionKind } from '../models/screening.model';

/**
 * The record of one screened post revision: what each phase found and how long it took, the
 * decision and the model that took part. The unique key makes a re-delivered job a no-op.
 */
@Entity('screenings')
@Unique('screenings_post_revision', ['postId', 'revision'])
export class ScreeningEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  decision!: ScreeningDecisionKind;

  @Column({ name: 'crisis_level', type: 'text', default: CrisisLevel.NONE })
  crisisLevel!: CrisisLevel;

  /** Matched phrases and their tiers, for the moderator and the clinician. */
  @Column({ name: 'crisis_evidence', type: 'jsonb', default: () => `'[]'` })
  crisisEvidence!: unknown[];

  /** Label scores, or null when the model was unavailable (see toxicity_status). */
  @Column({ type: 'jsonb', nullable: true })
  toxicity!: Record<string, number> | null;

  @Column({ name: 'toxicity_status', type: 'text', default: 'ok' })
  toxicityStatus!: 'ok' | 'unavailable';

  @Column({ name: 'watched_word_hits', type: 'jsonb', default: () => `'[]'` })
  watchedWordHits!: unknown[];

  /** Ordered phase results with durations in milliseconds. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  phases!: unknown[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  reasons!: string[];

  @Column({ name: 'model_version', type: 'text', nullable: true })
  modelVersion!: string | null;

  @Column({ name: 'tfjs_backend', type: 'text', nullable: true })
  tfjsBackend!: string | null;

  @Column({ name: 'duration_ms', type: 'double precision', default: 0 })
  durationMs!: number;

  @Column({ name: 'screened_at', type: 'timestamptz', default: () => 'now()' })
  screenedAt!: Date;
}
