import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JobProducer } from '../queue/job-producer.service';
import { JobName } from '../queue/queue.types';
import { Viewer } from '../common/auth/viewer';
import { EscalationOutcome, EscalationStatus } from '../common/domain/escalation.enums';
import { Role } from '../common/domain/role.enum';
import { AppError } from '../common/errors/app-error';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { AuditService } from '../audit/audit.service';
import { EscalationEntity } from './entities/escalation.entity';
import { EscalationRepository } from './escalation.repository';
import { EscalationModel } from './models/escalation.model';
import { CASE_ESCALATION } from './escalations.service';
import { staffNote } from '../common/text/staff-note';

function toEscalationModel(row: EscalationEntity): EscalationModel {
  return {
    id: row.id,
    severity: row.severity,
    status: row.status,
    trigger: row.trigger,
    level: row.level,
    reminders: row.reminders,
    ackDueAt: row.ackDueAt,
    createdAt: row.createdAt,
    acknowledgedAt: row.acknowledgedAt,
    ackNote: row.ackNote,
    resolvedAt: row.resolvedAt,
    outcome: row.outcome,
    resolutionNote: row.resolutionNote,
    note: row.note,
    evidence: (row.evidence ?? []).map((item) => JSON.stringify(item)),
    postId: row.postId,
    caseId: row.caseId,
    subjectId: row.subjectId,
    acknowledgedById: row.acknowledgedBy,
  };
}

/** The list pages newest first on (created_at as PostgreSQL text, so microseconds survive; id). */
const NEWEST_FIRST_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);

/** What clinicians do with escalations: list, acknowledge (stops the clock) and resolve. */
@Injectable()
export class EscalationReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly escalations: EscalationRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async get(id: string): Promise<EscalationModel> {
    const [row] = await this.escalations.findByIds([id]);
    if (!row) throw AppError.notFound('Escalation');
    return toEscalationModel(row);
  }

  /**
   * The escalation as the staff member who escalated a case reads it back (escalateCase).
   * Clinicians and admins see all of it; a peer specialist that it was raised and its status (the
   * clinical fields answer them FORBIDDEN in EscalationResolver; they are blanked here too). Its
   * evidence quotes the client's posts from every space and carries other staff's notes, and the
   * acknowledgement and resolution notes are the clinicians': none of it is theirs to read. One open
   * escalation per client means it may have been raised elsewhere (another space's crisis post):
   * then its post, case and note are not named either, nor its severity and trigger.
   */
  async getForRaiser(viewer: Viewer, id: string, fromCaseId: string): Promise<EscalationModel> {
    const escalation = await this.get(id);
    if (viewer.role === Role.CLINICIAN || viewer.role === Role.ADMIN) return escalation;
    const fromThisCase = escalation.caseId === fromCaseId;
    // Severity and trigger come from every post that raised or joined the escalation, maybe another
    // space's crisis the peer may not read: unless they all are this case's post, the peer is told
    // what their own escalation is (ELEVATED, MANUAL), and clinicians the rest.
    const othersJoined = !fromThisCase || (await this.escalations.signalsOf([id])).some((signal) => signal.postId !== escalation.postId);
    return {
      ...escalation,
      ...(othersJoined ? CASE_ESCALATION : {}),
      evidence: [],
      ackNote: null,
      resolutionNote: null,
      outcome: null,
      acknowledgedById: null,
      note: fromThisCase ? escalation.note : null,
      postId: fromThisCase ? escalation.postId : null,
      caseId: fromThisCase ? escalation.caseId : null,
    };
  }

  /** Newest first; the keyset is (created_at, id), compared at full timestamp precision. */
  async list(status: EscalationStatus | null | undefined, limit: number, after: string | null | undefined): Promise<Connection<EscalationModel>> {
    const rows = await this.escalations.listNewestFirst(status, limit + 1, NEWEST_FIRST_CURSOR.decode(after));
    return toConnection(
      rows,
      limit,
      (r) => NEWEST_FIRST_CURSOR.encode([r.key, r.entity.id]),
      (r) => toEscalationModel(r.entity),
    );
  }

  /** Stops the clock: the pending deadline job finds the escalation acknowledged and climbs no further. */
  async acknowledge(viewer: Viewer, id: string, rawNote: string | null | undefined, requestId: string): Promise<EscalationModel> {
    const note = staffNote('note', rawNote, false);
    await this.dataSource.transaction(async (manager) => {
      const level = await this.escalations.acknowledgeOpen(manager, id, viewer.memberId, note);
      if (level === null) {
        const [existing] = await this.escalations.findByIds([id], manager);
        if (!existing) throw AppError.notFound('Escalation');
        throw AppError.conflict(`This escalation is already ${existing.status.toLowerCase()}.`);
      }
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'escalation.acknowledge',
          targetType: 'escalation',
          targetId: id,
          requestId,
          details: { level },
        },
        manager,
      );
    });
    return this.get(id);
  }

  async resolve(viewer: Viewer, id: string, outcome: EscalationOutcome, rawNote: string, requestId: string): Promise<EscalationModel> {
    const note = staffNote('note', rawNote, true);
    await this.dataSource.transaction(async (manager) => {
      const level = await this.escalations.resolveUnresolved(manager, id, viewer.memberId, outcome, note);
      if (level === null) {
        const [existing] = await this.escalations.findByIds([id], manager);
        if (!existing) throw AppError.notFound('Escalation');
        throw AppError.conflict('This escalation is already resolved.');
      }
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'escalation.resolve',
          targetType: 'escalation',
          targetId: id,
          requestId,
          details: { outcome, level },
        },
        manager,
      );
    });
    // Closing the loop: moderation resolves the linked cases or hands them back to peers (escalation
    // cannot import moderation). The resolve committed with `cases_closed_at` null, which is the
    // job's outbox: if this add fails, the moderation sweeper enqueues the same job id later.
    try {
      await this.jobs.enqueue({ name: JobName.CLOSE_ESCALATION_CASES, data: { escalationId: id } });
    } catch (error) {
      this.logger.warn(
        { escalationId: id, err: { message: (error as Error).message } },
        "could not enqueue close-escalation-cases; the moderation sweeper will close the escalation's cases",
      );
    }
    return this.get(id);
  }
}
