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
import { EscalationWebhookBody, signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './escalation-webhook';
import { MAX_LEVEL, recipientsForLevel, RotaMember } from './paging-recipients';

/** A webhook receiver gets this long to answer before the attempt counts as failed (and is retried). */
const WEBHOOK_TIMEOUT_MS = 5_000;
/** A pager that is down for a while still gets the page: 8 attempts, 1 s doubling (about 4 minutes in all). */
const WEBHOOK_JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } };
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
    private readonly members: MembersRepository,
    private readonly notifications: NotificationsService,
    private readonly pubsub: RedisPubSub,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Pages one level (or reminds it). A stale job (acknowledged meanwhile, climbed or reminded past it) does nothing. */
  async page(page: EscalationPage): Promise<'paged' | 'stale'> {
    const { escalationId, level } = page;
    const reminder = page.reminder ?? 0;
    const escalation = await this.escalations.findById(escalationId);
    if (!escalation || escalation.status !== EscalationStatus.OPEN || escalation.level !== level || escalation.reminders !== reminder) return 'stale';

    const rota = await this.rota();
    const recipients = recipientsForLevel(level, rota.clinicians, rota.admins);
    const due = escalation.ackDueAt.toISOString().slice(11, 16);
    await this.dataSource.transaction(async (manager) => {
      await this.notifications.notify(
        manager,
        recipients.map((member) => ({
          memberId: member.id,
          kind: NotificationKind.ESCALATION,
          title: pageTitle(level, reminder, escalation.severity),
          body:
            level < MAX_LEVEL
              ? `A client may need a clinician. Please acknowledge by ${due} UTC; it goes to a wider group if nobody does.`
              : `A client may need a clinician and nobody has acknowledged yet. Please acknowledge by ${due} UTC; everyone here is reminded until someone does.`,
          data: { escalationId, postId: escalation.postId, caseId: escalation.caseId, level, reminder },
          dedupeKey: `escalation:${escalationId}:${pageKey(page)}:${member.id}`,
        })),
      );
      await this.escalations.markLevelPaged(manager, escalationId, level);
    });

    // After commit. A failure here retries the job; the notifications above are deduplicated.
    await this.pubsub.publish(RealtimeEvent.ESCALATION_RAISED, { escalationId, level });
    if (this.config.escalationWebhook.url) {
      await this.jobs.enqueue({ name: JobName.DELIVER_ESCALATION_WEBHOOK, data: { escalationId, level, reminder } }, WEBHOOK_JOB_OPTIONS);
    }
    const delay = Math.max(0, escalation.ackDueAt.getTime() - Date.now());
    await this.jobs.enqueue({ name: JobName.ESCALATION_DEADLINE, data: { escalationId, level, reminder } }, { delay });
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
    const next = await this.dataSource.transaction(async (manager) => {
      const moved = await this.escalations.moveOnAfterDeadline(
        manager,
        { id: escalationId, level, reminder },
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
    await this.jobs.enqueue({ name: JobName.PAGE_ESCALATION, data: { escalationId, level: next.level, reminder: next.reminders } });
    return next.reminders > 0 ? 'reminded' : 'climbed';
  }

  /** Delivers one signed webhook attempt and records it; a non-2xx answer throws so BullMQ retries. */
  async deliverWebhook({ escalationId, level, reminder }: EscalationPage, attempt: number): Promise<void> {
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
    await this.escalations.recordWebhookDelivery({ escalationId, level, attempt, statusCode, error, durationMs: performance.now() - started });
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
      if (await this.jobs.ensure({ name: JobName.PAGE_ESCALATION, data: { escalationId: row.id, level: row.level } })) repaged += 1;
    }
    const overdue = await this.escalations.overdueSince(SWEEP_GRACE_SECONDS, SWEEP_BATCH);
    let deadlines = 0;
    for (const row of overdue) {
      if (await this.jobs.ensure({ name: JobName.ESCALATION_DEADLINE, data: { escalationId: row.id, level: row.level, reminder: row.reminders } }))
        deadlines += 1;
    }
    if (repaged + deadlines > 0) this.logger.warn({ repaged, deadlines }, 'escalation sweeper re-queued lost timers');
    return { repaged, deadlines };
  }

  /** The rota: clinicians in the order they joined, then admins (see paging-recipients.ts). */
  private async rota(): Promise<{ clinicians: RotaMember[]; admins: RotaMember[] }> {
    const rows = await this.members.clinicalStaffInJoinOrder();
    return { clinicians: rows.filter((r) => r.role === Role.CLINICIAN), admins: rows.filter((r) => r.role === Role.ADMIN) };
  }
}

function pageTitle(level: number, reminder: number, severity: string): string {
  if (level === 1) return `Risk escalation (${severity})`;
  if (reminder > 0) return `Still unacknowledged risk escalation, reminder ${reminder} (${severity})`;
  return `Unacknowledged risk escalation, level ${level} (${severity})`;
}
