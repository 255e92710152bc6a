import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum WatchedWordAction {
  /** Hold the post until a peer specialist reviews it. */
  HOLD = 'HOLD',
  /** Publish, but open a case so a human looks. */
  FLAG = 'FLAG',
}

/** Admin-managed words and phrases, matched after normalisation. */
@Entity('watched_words')
export class WatchedWordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('watched_words_term', { unique: true })
  @Column({ type: 'text' })
  term!: string;

  @Column({ type: 'text' })
  action!: WatchedWordAction;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
