/**
 * Wall-clock times in the program's time zone (PROGRAM_TIME_ZONE, read from `onCallNow.timeZone`),
 * whatever zone the admin's own computer is in. Shifts are stored as UTC instants; people enter
 * and read them as the program's local time.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The program's wall clock at an instant. */
function wallClockAt(at: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute };
}

/** The wall clock read as if it were UTC: the same digits, as milliseconds. */
function asUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** How far the zone is ahead of UTC at an instant (to the minute, which every zone in use is). */
function offsetAt(at: number, timeZone: string): number {
  const whole = Math.floor(at / MINUTE) * MINUTE;
  return asUtc(wallClockAt(whole, timeZone)) - whole;
}

export type LocalToUtc = { ok: true; at: Date } | { ok: false; reason: 'invalid' | 'skipped' };

/**
 * A datetime-local value ("2026-03-08T02:30") in the program's zone as a UTC instant, DST-safe:
 * the zone's offset is taken from either side of the time (a day before and after covers every
 * change), and only a candidate whose wall clock reads back the same is kept. A time the clocks
 * skip (spring forward) has none and is refused rather than silently moved; a time that happens
 * twice (fall back) takes the first, so a shift starting then is never an hour late.
 */
export function programLocalToUtc(local: string, timeZone: string): LocalToUtc {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return { ok: false, reason: 'invalid' };
  const wanted: WallClock = { year: +match[1], month: +match[2], day: +match[3], hour: +match[4], minute: +match[5] };
  const naive = asUtc(wanted);
  if (Number.isNaN(naive) || new Date(naive).getUTCDate() !== wanted.day || wanted.hour > 23 || wanted.minute > 59) return { ok: false, reason: 'invalid' };
  const candidates = [...new Set([offsetAt(naive - DAY, timeZone), offsetAt(naive + DAY, timeZone)])]
    .map((offset) => naive - offset)
    .filter((at) => asUtc(wallClockAt(at, timeZone)) === naive)
    .sort((a, b) => a - b);
  return candidates.length > 0 ? { ok: true, at: new Date(candidates[0]) } : { ok: false, reason: 'skipped' };
}

/** An instant as a datetime-local value in the program's zone (to prefill the form). */
export function utcToProgramLocal(at: number, timeZone: string): string {
  const w = wallClockAt(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Midnight in the program's zone on the day of `at` (the day a week of the roster starts). */
export function startOfProgramDay(at: number, timeZone: string): number {
  const w = wallClockAt(at, timeZone);
  return startOfLocalDate(w.year, w.month, w.day, timeZone);
}

/** Midnight of a program-local date, `days` after the day of `at`: by the calendar, so a 23- or 25-hour day is still one day. */
export function addProgramDays(at: number, days: number, timeZone: string): number {
  const w = wallClockAt(at, timeZone);
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return startOfLocalDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

function startOfLocalDate(year: number, month: number, day: number, timeZone: string): number {
  const pad = (n: number) => String(n).padStart(2, '0');
  const midnight = programLocalToUtc(`${year}-${pad(month)}-${pad(day)}T00:00`, timeZone);
  if (midnight.ok) return +midnight.at;
  // A zone that skips midnight itself (a few do, for DST): the day starts at 01:00.
  const one = programLocalToUtc(`${year}-${pad(month)}-${pad(day)}T01:00`, timeZone);
  return one.ok ? +one.at : Date.UTC(year, month - 1, day);
}

/** A key for the program-local date of an instant ("2026-12-02"), for grouping shifts by day. */
export function programDateKey(at: number, timeZone: string): string {
  return utcToProgramLocal(at, timeZone).slice(0, 10);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string, kind: 'day' | 'time' | 'dayTime' | 'zone'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      day: { weekday: 'long', day: 'numeric', month: 'long' },
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      dayTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      zone: { timeZoneName: 'short' },
    };
    f = new Intl.DateTimeFormat(kind === 'zone' ? 'en-US' : 'en-GB', { timeZone, ...options[kind] });
    formats.set(key, f);
  }
  return f;
}

/** "Wednesday 2 December". */
export function programDay(at: number, timeZone: string): string {
  return format(timeZone, 'day').format(at);
}

/** "09:30". */
export function programClock(at: number, timeZone: string): string {
  return format(timeZone, 'time').format(at);
}

/** "Wed 2 Dec, 09:30". */
export function programDayTime(at: number, timeZone: string): string {
  return format(timeZone, 'dayTime').format(at);
}

/** The zone's short name at an instant ("EST", "EDT", "GMT+1"), which changes with DST. */
export function programZoneName(at: number, timeZone: string): string {
  return (
    format(timeZone, 'zone')
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}
