import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Viewer } from '../../common/auth/viewer';
import { OnCallTier } from '../../common/domain/escalation.enums';
import { Role } from '../../common/domain/role.enum';
import { AppError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import { MembersRepository } from '../../members/members.repository';
import { MemberModel } from '../../members/models/member.model';
import { NotificationKind } from '../../notifications/entities/notification.entity';
import { NotificationsService } from '../../notifications/notifications.service';
import { onCallAt, primaryGaps, sameTierOverlaps } from './on-call-coverage';
import { OnCallGapKind, OnCallGapModel, OnCallShiftModel } from './on-call.model';
import { OnCallRosterRepository, ShiftRow } from './on-call-roster.repository';
import { programTime } from './program-time';

/** A shift longer than this is a typo (a year instead of a day), not a rota. */
const MAX_SHIFT_DAYS = 31;
/** A roster query covers at most this long, so a page of shifts stays a page. */
const MAX_WINDOW_DAYS = 93;
/** Admins are told about a gap this far ahead (issue #17). */
export const GAP_NOTICE_HOURS = 72;
/** Gaps are computed from shifts this far back too, so a gap that began before now keeps the same identity (and its notice is not repeated). */
const GAP_LOOKBACK_DAYS = 7;
const DAY_MS = 86_400_000;

/** Who is on call now, as member ids; paging and `onCallNow` read the same. */
export interface OnCallIds {
  primary: string[];
  backup: string[];
}

/** The on-call roster: admins keep the shifts; paging and staff read who is on call now. */
@Injectable()
export class OnCallRosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roster: OnCallRosterRepository,
    private readonly members: MembersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(from: Date, to: Date): Promise<OnCallShiftModel[]> {
    this.checkWindow(from, to);
    return (await this.roster.overlapping(from, to)).map((s) => this.toModel(s));
  }

  async create(viewer: Viewer, input: { clinicianId: string; tier: OnCallTier; startsAt: Date; endsAt: Date }, requestId: string): Promise<OnCallShiftModel> {
    if (!isValidDate(input.startsAt)) throw AppError.badInput('startsAt', 'startsAt is not a valid time.');
    if (!isValidDate(input.endsAt)) throw AppError.badInput('endsAt', 'endsAt is not a valid time.');
    if (input.endsAt <= input.startsAt) throw AppError.badInput('endsAt', 'A shift must end after it starts.');
    if (+input.endsAt - +input.startsAt > MAX_SHIFT_DAYS * DAY_MS) throw AppError.badInput('endsAt', `A shift lasts at most ${MAX_SHIFT_DAYS} days.`);
    // A discharged clinician would be paged into a forum they can no longer open.
    if (await this.members.isDischarged(input.clinicianId)) throw AppError.badInput('clinicianId', 'This clinician has left the program.');
    const shift = await this.dataSource.transaction(async (manager) => {
      const role = await this.members.roleOf(input.clinicianId, manager);
      if (role !== Role.CLINICIAN) throw AppError.badInput('clinicianId', 'Only a clinician can be on call.');
      const created = await this.roster.insert(manager, { ...input, createdBy: viewer.memberId });
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'roster.shift.create',
          targetType: 'on_call_shift',
          targetId: created.id,
          requestId,
          details: { clinicianId: created.clinicianId, tier: created.tier, startsAt: created.startsAt.toISOString(), endsAt: created.endsAt.toISOString() },
        },
        manager,
      );
      return created;
    });
    return this.toModel(shift);
  }

  async delete(viewer: Viewer, id: string, requestId: string): Promise<OnCallShiftModel> {
    const shift = await this.dataSource.transaction(async (manager) => {
      const deleted = await this.roster.delete(manager, id);
      if (!deleted) throw AppError.notFound('Shift');
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'roster.shift.delete',
          targetType: 'on_call_shift',
          targetId: id,
          requestId,
          details: { clinicianId: deleted.clinicianId, tier: deleted.tier, startsAt: deleted.startsAt.toISOString(), endsAt: deleted.endsAt.toISOString() },
        },
        manager,
      );
      return deleted;
    });
    return this.toModel(shift);
  }

  /** Who an admin may put on the roster: clinicians who are still in the program. */
  async clinicians(): Promise<MemberModel[]> {
    return (await this.members.activeClinicians()).map((m) => MemberModel.from(m));
  }

  /** Who is on call at the database's now, per tier. */
  async onCallNow(): Promise<OnCallIds> {
    const { shifts, now } = await this.roster.coveringNow();
    return onCallAt(await this.stillPageable(shifts), now);
  }

  /**
   * The shifts that cover anything: a clinician discharged after their shift was added is paged no
   * more (members' paging rota leaves them out), so their shift reads as a gap, told to admins,
   * rather than as cover. The shift list still shows it, for an admin to delete.
   */
  private async stillPageable<T extends { clinicianId: string }>(shifts: readonly T[]): Promise<T[]> {
    if (shifts.length === 0) return [];
    const pageable = new Set((await this.members.clinicalStaffInJoinOrder()).map((m) => m.id));
    return shifts.filter((s) => pageable.has(s.clinicianId));
  }

  /** Periods of [from, to) with no PRIMARY, and same-tier overlaps, in time order. */
  async gaps(from: Date, to: Date): Promise<OnCallGapModel[]> {
    this.checkWindow(from, to);
    const shifts = await this.stillPageable(await this.roster.overlapping(from, to));
    const gaps = primaryGaps(shifts, from, to).map((g) => this.period(OnCallGapKind.NO_PRIMARY, OnCallTier.PRIMARY, g.startsAt, g.endsAt, []));
    const overlaps = sameTierOverlaps(shifts, from, to).map((o) => this.period(OnCallGapKind.OVERLAP, o.tier, o.startsAt, o.endsAt, [...o.shiftIds]));
    return [...gaps, ...overlaps].sort((a, b) => +a.startsAt - +b.startsAt);
  }

  /**
   * The repeatable check: each gap in the next 72 hours is told to every admin once. A gap is
   * named by the shifts around it, so the same gap seen on the next run (its start now in the
   * past, or its end further out) is not told again; a changed roster makes a new gap.
   */
  async notifyUpcomingGaps(): Promise<{ gaps: number; notified: number }> {
    const { now } = await this.roster.coveringNow();
    const until = new Date(+now + GAP_NOTICE_HOURS * 3_600_000);
    const lookback = new Date(+now - GAP_LOOKBACK_DAYS * DAY_MS);
    const gaps = primaryGaps(await this.stillPageable(await this.roster.overlapping(lookback, until)), lookback, until).filter((g) => g.endsAt > now);
    if (gaps.length === 0) return { gaps: 0, notified: 0 };
    const admins = (await this.members.clinicalStaffInJoinOrder()).filter((m) => m.role === Role.ADMIN);
    const notified = await this.dataSource.transaction((manager) =>
      this.notifications.notify(
        manager,
        gaps.flatMap((gap) => {
          const starts = gap.startsAt > now ? programTime(gap.startsAt, this.config.programTimeZone) : 'now';
          const ends = gap.beforeShiftId ? programTime(gap.endsAt, this.config.programTimeZone) : 'beyond the next 72 hours';
          return admins.map((admin) => ({
            memberId: admin.id,
            kind: NotificationKind.ROSTER_GAP,
            title: 'Nobody is on call for part of the next 72 hours',
            body: `No PRIMARY clinician is on call from ${starts} until ${ends}. Escalations in that time page every clinician. Add a shift to the roster.`,
            data: { startsAt: gap.startsAt.toISOString(), endsAt: gap.endsAt.toISOString() },
            dedupeKey: `roster-gap:${gap.afterShiftId ?? 'none'}:${gap.beforeShiftId ?? 'none'}:${admin.id}`,
          }));
        }),
      ),
    );
    return { gaps: gaps.length, notified };
  }

  toModel(shift: ShiftRow): OnCallShiftModel {
    return {
      id: shift.id,
      tier: shift.tier,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      startsAtLocal: programTime(shift.startsAt, this.config.programTimeZone),
      endsAtLocal: programTime(shift.endsAt, this.config.programTimeZone),
      createdAt: shift.createdAt,
      clinicianId: shift.clinicianId,
    };
  }

  private period(kind: OnCallGapKind, tier: OnCallTier, startsAt: Date, endsAt: Date, shiftIds: string[]): OnCallGapModel {
    const zone = this.config.programTimeZone;
    return { kind, tier, startsAt, endsAt, startsAtLocal: programTime(startsAt, zone), endsAtLocal: programTime(endsAt, zone), shiftIds };
  }

  private checkWindow(from: Date, to: Date): void {
    if (!isValidDate(from)) throw AppError.badInput('from', 'from is not a valid time.');
    if (!isValidDate(to)) throw AppError.badInput('to', 'to is not a valid time.');
    if (to <= from) throw AppError.badInput('to', 'to must be after from.');
    if (+to - +from > MAX_WINDOW_DAYS * DAY_MS) throw AppError.badInput('to', `Ask for at most ${MAX_WINDOW_DAYS} days at a time.`);
  }
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(+value);
}
