import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutreachChannel } from '../common/domain/escalation.enums';

export type EmailDeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

export interface PageRow {
  id: string;
  escalationId: string;
  pageKey: string;
  level: number;
  reminder: number;
  severity: string;
  recipientIds: string[];
  rosterCovered: boolean;
  pagedAt: Date;
}

export interface EmailDeliveryRow {
  id: string;
  escalationId: string;
  pageKey: string;
  memberId: string;
  status: EmailDeliveryStatus;
  attempts: number;
  error: string | null;
  updatedAt: Date;
}

export interface WebhookAttemptRow {
  escalationId: string;
  level: number;
  pageKey: string | null;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  createdAt: Date;
}

export interface OutreachRow {
  id: string;
  escalationId: string;
  memberId: string;
  channel: OutreachChannel;
  note: string;
  createdAt: Date;
}

interface RawEmailDelivery {
  id: string;
  escalation_id: string;
  page_key: string;
  member_id: string;
  status: EmailDeliveryStatus;
  attempts: number;
  error: string | null;
  updated_at: Date;
}

const toEmailDelivery = (r: RawEmailDelivery): EmailDeliveryRow => ({
  id: r.id,
  escalationId: r.escalation_id,
  pageKey: r.page_key,
  memberId: r.member_id,
  status: r.status,
  attempts: r.attempts,
  error: r.error,
  updatedAt: r.updated_at,
});

/**
 * The only place that names the tables of how escalations reach people:
 * - `escalation_pages`: each page sent (unique per escalation and page key), with its recipients;
 * - `email_deliveries`: one row per paged member with an email, its state and attempts;
 * - `webhook_deliveries` (read here; written by EscalationRepository.recordWebhookDelivery);
 * - `escalation_outreach`: how a clinician reached out (append-only: the app's role may not update or delete);
 * - `staff_contacts`: the email a staff member is paged at (never a client's).
 */
@Injectable()
export class EscalationDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** False when this page was recorded already (a retried page job). */
  async recordPage(manager: EntityManager, page: Omit<PageRow, 'id' | 'pagedAt'>): Promise<boolean> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO escalation_pages (escalation_id, page_key, level, reminder, severity, recipient_ids, roster_covered) VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7)
       ON CONFLICT (escalation_id, page_key) DO NOTHING RETURNING id`,
      [page.escalationId, page.pageKey, page.level, page.reminder, page.severity, page.recipientIds, page.rosterCovered],
    );
    return rows.length > 0;
  }

  async pagesOf(escalationIds: readonly string[]): Promise<PageRow[]> {
    if (escalationIds.length === 0) return [];
    const rows: Array<{
      id: string;
      escalation_id: string;
      page_key: string;
      level: number;
      reminder: number;
      severity: string;
      recipient_ids: string[];
      roster_covered: boolean;
      paged_at: Date;
    }> = await this.dataSource.query(`SELECT * FROM escalation_pages WHERE escalation_id = ANY($1::uuid[]) ORDER BY paged_at, id`, [escalationIds]);
    return rows.map((r) => ({
      id: r.id,
      escalationId: r.escalation_id,
      pageKey: r.page_key,
      level: r.level,
      reminder: r.reminder,
      severity: r.severity,
      recipientIds: r.recipient_ids,
      rosterCovered: r.roster_covered,
      pagedAt: r.paged_at,
    }));
  }

  /** The latest page's recipients: who is already looking at this escalation. */
  async lastRecipientsOf(manager: EntityManager, escalationId: string): Promise<string[]> {
    const rows: Array<{ recipient_ids: string[] }> = await manager.query(
      `SELECT recipient_ids FROM escalation_pages WHERE escalation_id = $1 ORDER BY paged_at DESC, id DESC LIMIT 1`,
      [escalationId],
    );
    return rows[0]?.recipient_ids ?? [];
  }

  /** One PENDING delivery per member with an email; returns the new ones (a retried page adds none). */
  async addEmailDeliveries(manager: EntityManager, escalationId: string, pageKey: string, memberIds: readonly string[]): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO email_deliveries (escalation_id, page_key, member_id)
       SELECT $1, $2, c.member_id FROM staff_contacts c WHERE c.member_id = ANY($3::uuid[])
       ON CONFLICT (escalation_id, page_key, member_id) DO NOTHING RETURNING id`,
      [escalationId, pageKey, memberIds],
    );
    return rows.map((r) => r.id);
  }

  /** The delivery with the address to send to (read at send time: a corrected address is used on the retry). */
  async emailDelivery(id: string): Promise<(EmailDeliveryRow & { email: string | null }) | null> {
    const rows: Array<RawEmailDelivery & { email: string | null }> = await this.dataSource.query(
      `SELECT d.*, c.email FROM email_deliveries d LEFT JOIN staff_contacts c ON c.member_id = d.member_id WHERE d.id = $1`,
      [id],
    );
    return rows.length > 0 ? { ...toEmailDelivery(rows[0]), email: rows[0].email } : null;
  }

  async markEmailAttempt(id: string, status: EmailDeliveryStatus, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = $2, error = $3, attempts = attempts + 1, updated_at = now() WHERE id = $1 AND status <> 'SENT'`,
      [id, status, error],
    );
  }

  async markEmailFailed(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE email_deliveries SET status = 'FAILED', updated_at = now() WHERE id = $1 AND status = 'PENDING'`, [id]);
  }

  async emailDeliveriesOf(escalationIds: readonly string[]): Promise<EmailDeliveryRow[]> {
    if (escalationIds.length === 0) return [];
    const rows: RawEmailDelivery[] = await this.dataSource.query(
      `SELECT * FROM email_deliveries WHERE escalation_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [escalationIds],
    );
    return rows.map(toEmailDelivery);
  }

  async webhookAttemptsOf(escalationIds: readonly string[]): Promise<WebhookAttemptRow[]> {
    if (escalationIds.length === 0) return [];
    const rows: Array<{
      escalation_id: string;
      level: number;
      page_key: string | null;
      attempt: number;
      status_code: number | null;
      error: string | null;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT escalation_id, level, page_key, attempt, status_code, error, created_at FROM webhook_deliveries WHERE escalation_id = ANY($1::uuid[]) ORDER BY created_at`,
      [escalationIds],
    );
    return rows.map((r) => ({
      escalationId: r.escalation_id,
      level: r.level,
      pageKey: r.page_key,
      attempt: r.attempt,
      statusCode: r.status_code,
      error: r.error,
      createdAt: r.created_at,
    }));
  }

  async insertOutreach(manager: EntityManager, outreach: Omit<OutreachRow, 'id' | 'createdAt'>): Promise<OutreachRow> {
    const [r]: Array<{ id: string; created_at: Date }> = await manager.query(
      `INSERT INTO escalation_outreach (escalation_id, member_id, channel, note) VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
      [outreach.escalationId, outreach.memberId, outreach.channel, outreach.note],
    );
    return { ...outreach, id: r.id, createdAt: r.created_at };
  }

  async outreachOf(escalationIds: readonly string[]): Promise<OutreachRow[]> {
    if (escalationIds.length === 0) return [];
    const rows: Array<{ id: string; escalation_id: string; member_id: string; channel: OutreachChannel; note: string; created_at: Date }> =
      await this.dataSource.query(`SELECT * FROM escalation_outreach WHERE escalation_id = ANY($1::uuid[]) ORDER BY created_at, id`, [escalationIds]);
    return rows.map((r) => ({ id: r.id, escalationId: r.escalation_id, memberId: r.member_id, channel: r.channel, note: r.note, createdAt: r.created_at }));
  }

  /** Sets (or with null clears) the email a staff member is paged at. */
  async setStaffEmail(manager: EntityManager, memberId: string, email: string | null): Promise<void> {
    if (email === null) await manager.query(`DELETE FROM staff_contacts WHERE member_id = $1`, [memberId]);
    else
      await manager.query(
        `INSERT INTO staff_contacts (member_id, email) VALUES ($1, $2) ON CONFLICT (member_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
        [memberId, email],
      );
  }

  async staffEmailOf(memberId: string): Promise<string | null> {
    const rows: Array<{ email: string }> = await this.dataSource.query(`SELECT email FROM staff_contacts WHERE member_id = $1`, [memberId]);
    return rows[0]?.email ?? null;
  }
}
