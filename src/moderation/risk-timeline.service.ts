import { Injectable } from '@nestjs/common';
import { Connection, toConnection } from '../common/pagination/connection';
import { cursorFormat, CursorParts } from '../common/pagination/cursor';
import { EscalationRepository } from '../escalation/escalation.repository';
import { RiskTimelineEntryModel, RiskTimelineKind } from './models/risk-timeline-entry.model';
import { ModerationRepository } from './moderation.repository';

/** The timeline pages newest first on (a timestamp as PostgreSQL text, so microseconds survive; id). */
const NEWEST_FIRST_CURSOR = cursorFormat(CursorParts.timestamp, CursorParts.uuid);

type TimelineRow = RiskTimelineEntryModel & { atKey: string; atMicros: bigint };

/** Newest first, ties by id descending: the order PostgreSQL gives (timestamptz, uuid), at microsecond precision. */
function newestFirst(a: TimelineRow, b: TimelineRow): number {
  if (a.atMicros !== b.atMicros) return a.atMicros > b.atMicros ? -1 : 1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

/**
 * A client's risk history for clinicians: risk signals, moderation cases and escalations in one
 * keyset-paged stream, newest first. It lives here, above escalation, because it combines both
 * features' reads: each side reads its first page (plus one) after the cursor, and the page is the
 * first of their merge, which is exactly the first of the whole stream.
 */
@Injectable()
export class RiskTimelineService {
  constructor(
    private readonly cases: ModerationRepository,
    private readonly escalations: EscalationRepository,
  ) {}

  async timeline(subjectId: string, limit: number, after: string | null | undefined): Promise<Connection<RiskTimelineEntryModel>> {
    const before = NEWEST_FIRST_CURSOR.decode(after);
    const [cases, history] = await Promise.all([
      this.cases.casesOfSubject(subjectId, before, limit + 1),
      this.escalations.riskHistoryOfSubject(subjectId, before, limit + 1),
    ]);
    const rows: TimelineRow[] = [
      ...cases.map((c) => ({
        id: c.id,
        kind: RiskTimelineKind.CASE,
        at: c.at,
        atKey: c.atKey,
        atMicros: c.atMicros,
        crisisLevel: null,
        grade: c.priority,
        status: c.status,
        postId: c.postId,
        caseId: c.id,
        escalationId: null,
      })),
      ...history.map((h) => ({ ...h, kind: RiskTimelineKind[h.kind] })),
    ];
    return toConnection(
      rows.sort(newestFirst).slice(0, limit + 1),
      limit,
      (r) => NEWEST_FIRST_CURSOR.encode([r.atKey, r.id]),
      ({ atKey: _atKey, atMicros: _atMicros, ...entry }) => entry,
    );
  }
}
