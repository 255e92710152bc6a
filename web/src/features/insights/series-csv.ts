import type { EngagementSeriesQuery } from '../../lib/gql/graphql';
import { FEWER_THAN_FIVE } from './insights-format';

type Point = EngagementSeriesQuery['engagementSeries']['points'][number];

const cell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The series as CSV, one row per bucket: the same figures as the charts' tables, withheld counts as "fewer than 5". */
export function seriesCsv(points: readonly Point[]): string {
  const header = [
    'from',
    'to',
    'active clients',
    'new threads',
    'replies',
    'reactions',
    'peer specialist replies',
    'first reply p50 (min)',
    'first reply p90 (min)',
    'threads past first day',
    'unanswered threads',
    'cases opened',
    'escalations raised',
  ];
  const rows = points.map((p) => [
    p.from,
    p.to,
    p.activeClients.fewerThanFive ? FEWER_THAN_FIVE : p.activeClients.count,
    p.newThreads,
    p.replies,
    p.reactions,
    p.peerSpecialistReplies,
    p.timeToFirstReply.p50Minutes,
    p.timeToFirstReply.p90Minutes,
    p.threadsPastFirstDay,
    p.unansweredThreads,
    p.moderation.casesOpened,
    p.escalations ? (p.escalations.fewerThanFive ? FEWER_THAN_FIVE : p.escalations.raised) : '',
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file in the browser (no server round trip: the figures are already on the page). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
