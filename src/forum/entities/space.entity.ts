import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A topic space; a cohort limit lets a program keep a space to one group of clients. */
@Entity('spaces')
export class SpaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('spaces_slug', { unique: true })
  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  cohort!: string | null;

  @Column({ type: 'int', default: 0 })
  position!: number;

  /** Archived: read-only (no new threads, replies, edits or reactions) and off clients' lists. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
