import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { OutreachChannel } from '../common/domain/escalation.enums';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { staffNote } from '../common/text/staff-note';
import { AppConfig } from '../config/app-config';
import { MembersRepository } from '../members/members.repository';
import { EmailDeliveryRow, EscalationDeliveryRepository, PageRow, WebhookAttemptRow } from './escalation-delivery.repository';
import { EscalationRepository } from './escalation.repository';
import {
  DeliveryState,
  EscalationOutreachModel,
  EscalationPageModel,
  EscalationSignalModel,
  PageChannel,
  PageDeliveryModel,
} from './models/escalation-follow-through.model';

/** The webhook job's attempts (EscalationPagingService): after this many failures it has given up. */
const WEBHOOK_ATTEMPTS = 8;
/** Deliberately plain: one @, no spaces, a dot in the domain; the SMTP server has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What happened after an escalation was raised: its pages and their deliveries, attached signals, outreach; and staff paging emails. */
@Injectable()
export class EscalationFollowThroughService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly escalations: EscalationRepository,
    private readonly deliveries: EscalationDeliveryRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Pages by escalation, for a page of escalations at once (three statements however many). */
  async pagesByEscalation(escalationIds: readonly string[]): Promise<Map<string, EscalationPageModel[]>> {
    const [pages, emails, hooks] = await Promise.all([
      this.deliveries.pagesOf(escalationIds),
      this.deliveries.emailDeliveriesOf(escalationIds),
      this.deliveries.webhookAttemptsOf(escalationIds),
    ]);
    const byEscalation = groupBy(escalationIds, pages, (page) => page.escalationId);
    return new Map(
      [...byEscalation].map(([id, rows]) => {
        const ownEmails = emails.filter((e) => e.escalationId === id);
        const ownHooks = hooks.filter((h) => h.escalationId === id);
        return [
          id,
          rows.map((page) => ({
            level: page.level,
            reminder: page.reminder,
            severity: page.severity,
            pagedAt: page.pagedAt,
            rosterCovered: page.rosterCovered,
            recipientIds: page.recipientIds,
            deliveries: [
              ...page.recipientIds.flatMap((memberId) => [inApp(page, memberId), this.email(page, memberId, ownEmails)]),
              this.webhook(page, ownHooks),
            ],
          })),
        ];
      }),
    );
  }

  /** Signals by escalation, oldest first, in one statement. */
  async signalsByEscalation(escalationIds: readonly string[]): Promise<Map<string, EscalationSignalModel[]>> {
    const rows = await this.escalations.signalsOf(escalationIds);
    return groupBy(
      escalationIds,
      rows,
      (s) => s.escalationId,
      (s) => ({
        id: s.id,
        postId: s.postId,
        level: s.level,
        trigger: s.trigger,
        raisedSeverity: s.raisedSeverity,
        createdAt: s.createdAt,
      }),
    );
  }

  /** How many signals each escalation has (the inbox shows "N signals" without loading them). */
  async signalCounts(escalationIds: readonly string[]): Promise<Map<string, number>> {
    return this.escalations.signalCounts(escalationIds);
  }

  /** Outreach by escalation, oldest first, in one statement; `by` is resolved from memberId. */
  async outreachByEscalation(escalationIds: readonly string[]): Promise<Map<string, Array<EscalationOutreachModel & { memberId: string }>>> {
    const rows = await this.deliveries.outreachOf(escalationIds);
    return groupBy(
      escalationIds,
      rows,
      (o) => o.escalationId,
      ({ escalationId: _escalationId, ...o }) => ({ ...o, by: null }),
    );
  }

  /** Records how the viewer reached out (stored, audited); on an unresolved or a resolved escalation (a follow-up call). */
  async recordOutreach(viewer: Viewer, escalationId: string, input: { channel: OutreachChannel; note: string }, requestId: string): Promise<void> {
    const note = staffNote('note', input.note, true);
    await this.dataSource.transaction(async (manager) => {
      const [escalation] = await this.escalations.findByIds([escalationId], manager);
      if (!escalation) throw AppError.notFound('Escalation');
      const outreach = await this.deliveries.insertOutreach(manager, { escalationId, memberId: viewer.memberId, channel: input.channel, note });
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'escalation.outreach',
          targetType: 'escalation',
          targetId: escalationId,
          requestId,
          details: { outreachId: outreach.id, channel: input.channel, escalationStatus: escalation.status },
        },
        manager,
      );
    });
  }

  /** The email a clinician or admin is paged at (null clears it); audited without the address. */
  async setPagingEmail(viewer: Viewer, memberId: string, rawEmail: string | null | undefined, requestId: string): Promise<boolean> {
    const email = rawEmail?.trim() || null;
    if (email !== null && (email.length > 254 || !EMAIL.test(email))) throw AppError.badInput('email', 'Enter an email address like name@example.org.');
    await this.dataSource.transaction(async (manager) => {
      const role = await this.members.roleOf(memberId, manager);
      if (role !== Role.CLINICIAN && role !== Role.ADMIN) throw AppError.badInput('memberId', 'Only clinicians and admins are paged by email.');
      await this.deliveries.setStaffEmail(manager, memberId, email);
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: email ? 'staff.paging_email.set' : 'staff.paging_email.clear',
          targetType: 'member',
          targetId: memberId,
          requestId,
        },
        manager,
      );
    });
    return true;
  }

  async myPagingEmail(viewer: Viewer): Promise<string | null> {
    return this.deliveries.staffEmailOf(viewer.memberId);
  }

  private email(page: PageRow, memberId: string, emails: readonly EmailDeliveryRow[]): PageDeliveryModel {
    const row = emails.find((e) => e.pageKey === page.pageKey && e.memberId === memberId);
    if (!row) return { channel: PageChannel.EMAIL, state: DeliveryState.NOT_SENT, attempts: 0, lastError: null, updatedAt: null, recipientId: memberId };
    const state = { SENT: DeliveryState.DELIVERED, PENDING: DeliveryState.PENDING, FAILED: DeliveryState.FAILED }[row.status];
    return { channel: PageChannel.EMAIL, state, attempts: row.attempts, lastError: row.error, updatedAt: row.updatedAt, recipientId: memberId };
  }

  private webhook(page: PageRow, hooks: readonly WebhookAttemptRow[]): PageDeliveryModel {
    // Rows from before page keys were recorded match by level (their first page only).
    const attempts = hooks.filter((h) => (h.pageKey ?? String(h.level)) === page.pageKey);
    const last = attempts.at(-1) ?? null;
    const delivered = attempts.some((a) => a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300);
    const state = delivered
      ? DeliveryState.DELIVERED
      : attempts.length >= WEBHOOK_ATTEMPTS
        ? DeliveryState.FAILED
        : this.config.escalationWebhook.url || attempts.length > 0
          ? DeliveryState.PENDING
          : DeliveryState.NOT_SENT;
    return {
      channel: PageChannel.WEBHOOK,
      state,
      attempts: attempts.length,
      lastError: delivered ? null : (last?.error ?? null),
      updatedAt: last?.createdAt ?? null,
      recipientId: null,
    };
  }
}

/** In-app notifications are written in the page's own transaction: a recorded page delivered them. */
function inApp(page: PageRow, memberId: string): PageDeliveryModel {
  return { channel: PageChannel.IN_APP, state: DeliveryState.DELIVERED, attempts: 1, lastError: null, updatedAt: page.pagedAt, recipientId: memberId };
}

/** Rows grouped under each asked id (every id present, an empty list when it has none), order kept. */
function groupBy<R, T = R>(
  ids: readonly string[],
  rows: readonly R[],
  keyOf: (row: R) => string,
  map: (row: R) => T = (row) => row as unknown as T,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) grouped.get(keyOf(row))?.push(map(row));
  return grouped;
}
