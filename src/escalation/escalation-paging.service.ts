import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { EscalationStatus } from '../common/domain/escalation.enums';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { JobProducer } from '../queue/job-producer.service';
import { EscalationPage, JobName, pageKey } from '../queue/queue.types';
import { MembersRepository } from '../members/members.repository';
import { Role } from '../common/domain/role.enum';
import { EscalationRepository } from './escalation.repository';
import { EscalationDeliveryRepository } from './escalation-delivery.repository';
import { EscalationWebhookBody, signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './escalation-webhook';
import { MAX_LEVEL, PagingBasis, PagingRota, recipientsForLevel } from './paging-recipients';
import { OnCallRosterService } from './roster/on-call-roster.service';
import { programTime } from './roster/program-time';

/** A webhook receiver gets this long to answer before the attempt counts as failed (and is retried). */
const WEBHOOK_TIMEOUT_MS = 5_000;
/** A pager that is down for a while still gets the page: 8 attempts, 1 s doubling (about 4 minutes in all). */
const WEBHOOK_JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } };
/** An email page to one clinician: the same patience as the webhook (a mail server restarting). */
export const EMAIL_JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } };
/** Rows looked at per sweep; a larger backlog drains over the next sweeps. */
const SWEEP_BATCH = 200;
/** A page or deadline job normally runs within milliseconds; the sweeper leaves it this long first. */
const SWEEP_GRACE_SECONDS = 5;

/**
 * The worker side of escalations: page a level (in-app, subscription event, signed webhook),
 * schedule its acknowledgement deadline as a delayed BullMQ job, climb a level when nobody
 * acknowledged in time (and at the last level, page everyone again on every deadline until someone
 * does: a crisis signal never goes quiet), and sweep for timers that never made it into Redis.
 * Every step is idempotent, so retries and racing workers page nobody twice.
 */
@Injectable()
export class EscalationPagingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly escalations: EscalationRepository,
    private readonly deliveries: EscalationDeliveryRepository,
    private readonly roster: OnCallRosterService,
    private readonly members: MembersRepository,
    private readonly notifications: NotificationsService,
    private readonly pubsub: RedisPubSub,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Pages one level (or reminds it, or re-pages it at a higher severity). A stale job
   * (acknowledged meanwhile, climbed, reminded or re-paged past it) does nothing. The recipients
   * follow the on-call roster (paging-recipients.ts); each gets an in-app notification, and an
   * email when they have a paging email and SMTP is configured; the page is recorded with them.
   */
  async page(page: EscalationPage): Promise<'paged' | 'stale'> {
    const { escalationId, level } = page;
    const reminder = page.reminder ?? 0;
    const round = page.round ?? 0;
    const escalation = await this.escalations.findById(escalationId);
    if (
      !escalation ||
      escalation.status !== EscalationStatus.OPEN ||
      escalation.level !== level ||
      escalation.reminders !== reminder ||
      escalation.pageRound !== round
    )
      return 'stale';

    const { recipients, basis } = recipientsForLevel(level, await this.rota());
    const key = pageKey(page);
    const due = programTime(escalation.ackDueAt, this.config.programTimeZone);
    const emails = await this.dataSource.transaction(async (manager) => {
      await this.notifications.notify(
        manager,
        recipients.map((member) => ({
          memberId: member.id,
          kind: NotificationKind.ESCALATION,
          title: pageTitle(level, reminder, round, escalation.severity),
          body: [pageBasisNote(basis), pageBody(level, due)].filter(Boolean).join(' '),
          data: { escalationId, postId: escalation.postId, caseId: escalation.caseId, level, reminder, round, basis },
          dedupeKey: `escalation:${escalationId}:${key}:${member.id}`,
        })),
      );
      await this.deliveries.recordPage(manager, {
        escalationId,
        pageKey: key,
        level,
        reminder,
        severity: escalation.severity,
        recipientIds: recipients.map((m) => m.id),
        rosterCovered: basis === PagingBasis.ROSTER || basis === PagingBasis.EVERYONE,
      });
      await this.escalations.markLevelPaged(manager, escalationId, level);
      return this.config.smtp.url
        ? this.deliveries.addEmailDeliveries(
            manager,
            escalationId,
            key,
            recipients.map((m) => m.id),
          )
        : [];
    });

    // After commit. A failure here retries the job; the notifications and deliveries above are deduplicated.
    await this.pubsub.publish(RealtimeEvent.ESCALATION_RAISED, { escalationId, level });
    for (const deliveryId of emails) await this.jobs.enqueue({ name: JobName.DELIVER_ESCALATION_EMAIL, data: { deliveryId } }, EMAIL_JOB_OPTIONS);
    if (this.config.escalationWebhook.url) {
      await this.jobs.enqueue({ name: JobName.DELIVER_ESCALATION_WEBHOOK, data: page }, WEBHOOK_JOB_OPTIONS);
    }
    const delay = Math.max(0, escalation.ackDueAt.getTime() - Date.now());
    await this.jobs.enqueue({ name: JobName.ESCALATION_DEADLINE, data: page }, { delay });
    return 'paged';
  }

  /**
   * The acknowledgement deadline of one page. One conditional UPDATE decides: only an escalation
   * still OPEN at this level and reminder moves on, so an acknowledgement (or a second worker)
   * wins cleanly. Below the last level it climbs; at the last level it counts a reminder and pages
   * everyone there again, for as long as nobody acknowledges.
   */
  async deadline(page: EscalationPage): Promise<'climbed' | 'reminded' | 'stopped'> {
    const { escalationId, level } = page;
    const reminder = page.reminder ?? 0;
    const round = page.round ?? 0;
    const next = await this.dataSource.transaction(async (manager) => {
      const moved = await this.escalations.moveOnAfterDeadline(
        manager,
        { id: escalationId, level, reminder, round },
        this.config.escalationTimers.ackSeconds,
        MAX_LEVEL,
      );
      if (moved) {
        await this.audit.record(
          moved.reminders > 0
            ? {
                actorId: null,
                actorRole: 'SYSTEM',
                action: 'escalation.remind',
                targetType: 'escalation',
                targetId: escalationId,
                details: { level, reminder: moved.reminders },
              }
            : {
                actorId: null,
                actorRole: 'SYSTEM',
                action: 'escalation.climb',
                targetType: 'escalation',
                targetId: escalationId,
                details: { from: level, to: moved.level },
              },
          manager,
        );
      }
      return moved;
    });
    if (!next) return 'stopped';
    // If this add fails the job retries and finds the escalation moved on: the sweeper then pages it.
    await this.jobs.enqueue({ name: JobName.PAGE_ESCALATION, data: pageOf(escalationId, next.level, next.reminders, next.pageRound) });
    return next.reminders > 0 ? 'reminded' : 'climbed';
  }

  /** Delivers one signed webhook attempt and records it; a non-2xx answer throws so BullMQ retries. */
  async deliverWebhook(page: EscalationPage, attempt: number): Promise<void> {
    const { escalationId, level, reminder } = page;
    const { url, secret } = this.config.escalationWebhook;
    if (!url || !secret) return;
    const escalation = await this.escalations.findById(escalationId);
    if (!escalation) return;
    const payload: EscalationWebhookBody = {
      type: 'escalation.page',
      escalationId,
      caseId: escalation.caseId,
      postId: escalation.postId,
      severity: escalation.severity,
      level,
      reminder: reminder ?? 0,
      ackDueAt: escalation.ackDueAt.toISOString(),
      link: `${this.config.publicBaseUrl.replace(/\/$/, '')}/escalations/${escalationId}`,
    };
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        redirect: 'error',
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (!response.ok) error = `receiver answered ${response.status}`;
    } catch (caught) {
      error = (caught as Error).name === 'TimeoutError' ? 'timed out' : `request failed: ${(caught as Error).message}`.slice(0, 200);
    }
    await this.escalations.recordWebhookDelivery({
      escalationId,
      level,
      pageKey: pageKey(page),
      attempt,
      statusCode,
      error,
      durationMs: performance.now() - started,
    });
    if (error) throw new Error(`escalation webhook: ${error}`);
  }

  /**
   * Finds timers that never reached Redis or were lost: OPEN escalations whose current level was
   * never paged, and OPEN escalations past their deadline that did not climb or remind. A lost
   * reminder page is covered by the next deadline.
   */
  async sweep(): Promise<{ repaged: number; deadlines: number }> {
    const unpaged = await this.escalations.unpagedSince(SWEEP_GRACE_SECONDS, SWEEP_BATCH);
    let repaged = 0;
    for (const row of unpaged) {
      if (await this.jobs.ensure({ name: JobName.PAGE_ESCALATION, data: pageOf(row.id, row.level, row.reminders, row.page_round) })) repaged += 1;
    }
    const overdue = await this.escalations.overdueSince(SWEEP_GRACE_SECONDS, SWEEP_BATCH);
    let deadlines = 0;
    for (const row of overdue) {
      if (await this.jobs.ensure({ name: JobName.ESCALATION_DEADLINE, data: pageOf(row.id, row.level, row.reminders, row.page_round) })) deadlines += 1;
    }
    if (repaged + deadlines > 0) this.logger.warn({ repaged, deadlines }, 'escalation sweeper re-queued lost timers');
    return { repaged, deadlines };
  }

  /** The rota: clinicians and admins in the order they joined, and who is on call now (see paging-recipients.ts). */
  private async rota(): Promise<PagingRota> {
    const [rows, onCall] = await Promise.all([this.members.clinicalStaffInJoinOrder(), this.roster.onCallNow()]);
    return { clinicians: rows.filter((r) => r.role === Role.CLINICIAN), admins: rows.filter((r) => r.role === Role.ADMIN), onCall };
  }
}

/** A page's payload with zero counts left out, so its job id matches however it was made. */
function pageOf(escalationId: string, level: number, reminders: number, round: number): EscalationPage {
  return { escalationId, level, ...(reminders ? { reminder: reminders } : {}), ...(round ? { round } : {}) };
}

function pageTitle(level: number, reminder: number, round: number, severity: string): string {
  if (round > 0 && reminder === 0) return `Risk escalation now ${severity}: a new signal raised it`;
  if (level === 1) return `Risk escalation (${severity})`;
  if (reminder > 0) return `Still unacknowledged risk escalation, reminder ${reminder} (${severity})`;
  return `Unacknowledged risk escalation, level ${level} (${severity})`;
}

function pageBody(level: number, due: string): string {
  return level < MAX_LEVEL
    ? `A client may need a clinician. Please acknowledge by ${due}; it goes to a wider group if nobody does.`
    : `A client may need a clinician and nobody has acknowledged yet. Please acknowledge by ${due}; everyone here is reminded until someone does.`;
}

/** A page that did not follow the roster says why, so the people it reached know they are not extra. */
export function pageBasisNote(basis: PagingBasis): string | null {
  switch (basis) {
    case PagingBasis.NO_PRIMARY_ON_CALL:
      return 'Nobody is on call right now, so every clinician is paged.';
    case PagingBasis.NO_BACKUP_ON_CALL:
      return 'No backup clinician is on call right now, so every clinician is paged.';
    case PagingBasis.NO_CLINICIANS:
      return 'There is no clinician in the program, so admins are paged.';
    case PagingBasis.ROSTER:
    case PagingBasis.EVERYONE:
      return null;
  }
}
