import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every attempt to deliver an escalation webhook, successful or not. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('webhook_deliveries_escalation_id')
  @Column({ name: 'escalation_id', type: 'uuid' })
  escalationId!: string;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'double precision', default: 0 })
  durationMs!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
