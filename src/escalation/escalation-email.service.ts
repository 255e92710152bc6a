import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Logger } from 'pino';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { EscalationDeliveryRepository } from './escalation-delivery.repository';
import { escalationEmail } from './escalation-email';
import { EscalationRepository } from './escalation.repository';

/** An SMTP server gets this long per step before the attempt counts as failed (and is retried). */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Delivers one email page (the `deliver-escalation-email` job): one message to one paged staff
 * member, recorded on their delivery row. A failure throws, so BullMQ retries with backoff; the
 * last failure marks the delivery FAILED. The address is read at send time from staff_contacts.
 */
@Injectable()
export class EscalationEmailService implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(
    private readonly deliveries: EscalationDeliveryRepository,
    private readonly escalations: EscalationRepository,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(deliveryId: string): Promise<'sent' | 'skipped'> {
    const delivery = await this.deliveries.emailDelivery(deliveryId);
    if (!delivery || delivery.status !== 'PENDING') return 'skipped';
    const escalation = await this.escalations.findById(delivery.escalationId);
    if (!escalation || !delivery.email || !this.config.smtp.url) {
      await this.deliveries.markEmailAttempt(deliveryId, 'FAILED', !delivery.email ? 'no paging email' : 'email paging is off');
      return 'skipped';
    }
    const message = escalationEmail({
      escalationId: escalation.id,
      severity: escalation.severity,
      level: escalation.level,
      ackDueAt: escalation.ackDueAt,
      timeZone: this.config.programTimeZone,
      publicBaseUrl: this.config.publicBaseUrl,
    });
    try {
      await this.transporter().sendMail({ from: this.config.smtp.from, to: delivery.email, ...message });
    } catch (error) {
      // The server's answer, not the address or the message: nothing personal reaches the log or the row.
      const reason = `smtp: ${(error as { code?: string }).code ?? (error as Error).name}`.slice(0, 120);
      await this.deliveries.markEmailAttempt(deliveryId, 'PENDING', reason);
      this.logger.warn({ deliveryId, escalationId: escalation.id, reason }, 'email page not delivered; retrying');
      throw new Error(`escalation email: ${reason}`);
    }
    await this.deliveries.markEmailAttempt(deliveryId, 'SENT', null);
    return 'sent';
  }

  /** After BullMQ's last attempt. */
  async failed(deliveryId: string): Promise<void> {
    await this.deliveries.markEmailFailed(deliveryId);
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    // One pooled-free transport per process; the URL carries host, port, credentials and TLS (smtps:).
    this.transport ??= createTransport({
      url: this.config.smtp.url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    } as Parameters<typeof createTransport>[0]);
    return this.transport;
  }
}
