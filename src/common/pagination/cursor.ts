import { AppError } from '../errors/app-error';

/**
 * One value of a keyset cursor: how it is written into the cursor and what reading it back
 * accepts. `decode` answers undefined for anything `encode` never writes, so a forged value is
 * refused here and never reaches PostgreSQL (where it would be a server error, not the client's).
 */
export interface CursorPart<T> {
  encode(value: T): string | number;
  decode(raw: unknown): T | undefined;
}

/** Longest cursor read: four keyset values fit in a fraction of it. */
const MAX_CURSOR_CHARS = 512;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A timestamptz as PostgreSQL prints it (`::text`, DateStyle ISO): microseconds survive, unlike a JS Date. */
const PG_TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2})(?::(\d{2}))?)?$/;

const BIGINT_TEXT = /^(?:0|[1-9]\d{0,18})$/;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Every field in range, so PostgreSQL can read back any timestamp the pattern lets through. */
function isPgTimestamp(value: string): boolean {
  const match = PG_TIMESTAMPTZ.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes = 0, offsetSeconds = 0] = match.slice(1).map((field) => Number(field ?? 0));
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 15 &&
    offsetMinutes <= 59 &&
    offsetSeconds <= 59
  );
}

const identity = <T>(value: T): T => value;

/** The kinds of keyset values the lists page on. */
export const CursorParts: {
  /** A row id, lower-case as PostgreSQL prints a uuid. */
  uuid: CursorPart<string>;
  /** A timestamptz as PostgreSQL text: select it with `::text`, compare with `::timestamptz`. */
  timestamp: CursorPart<string>;
  /** A non-negative bigint (sequence, identity) as the decimal text PostgreSQL hands back for one. */
  bigint: CursorPart<string>;
  /** One of a few known integers (a priority rank). */
  oneOf(allowed: readonly number[]): CursorPart<number>;
} = {
  uuid: { encode: identity, decode: (raw) => (typeof raw === 'string' && UUID.test(raw) ? raw : undefined) },
  timestamp: { encode: identity, decode: (raw) => (typeof raw === 'string' && isPgTimestamp(raw) ? raw : undefined) },
  bigint: { encode: identity, decode: (raw) => (typeof raw === 'string' && BIGINT_TEXT.test(raw) && BigInt(raw) <= BIGINT_MAX ? raw : undefined) },
  oneOf: (allowed) => ({ encode: identity, decode: (raw) => (typeof raw === 'number' && allowed.includes(raw) ? raw : undefined) }),
};

type PartsOf<T extends readonly unknown[]> = { readonly [K in keyof T]: CursorPart<T[K]> };

/**
 * A list's cursor: base64url of a JSON array of its keyset values, in order. Decoding accepts
 * only what `encode` writes — the right number of values, each of its part's kind, in the very
 * bytes `encode` would produce — and answers BAD_USER_INPUT for anything else.
 */
export class CursorFormat<T extends readonly unknown[]> {
  constructor(private readonly parts: PartsOf<T>) {}

  encode(values: T): string {
    return Buffer.from(JSON.stringify(this.parts.map((part, i) => part.encode(values[i]))), 'utf8').toString('base64url');
  }

  /** The keyset values of `after`; null for the first page. */
  decode(after: string | null | undefined): T | null {
    if (after === null || after === undefined) return null;
    const values = after.length <= MAX_CURSOR_CHARS ? this.read(after) : undefined;
    // Re-encoding must give back the very cursor: no other spelling of the same values is one of ours.
    if (!values || this.encode(values) !== after) throw AppError.badInput('after', 'after is not a cursor from this list.');
    return values;
  }

  private read(after: string): T | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(raw) || raw.length !== this.parts.length) return undefined;
    const values = this.parts.map((part, i) => part.decode(raw[i]));
    return values.every((value) => value !== undefined) ? (values as unknown as T) : undefined;
  }
}

/** `cursorFormat(CursorParts.timestamp, CursorParts.uuid)`: a cursor typed `[string, string]`. */
export function cursorFormat<T extends readonly unknown[]>(...parts: PartsOf<T>): CursorFormat<T> {
  return new CursorFormat<T>(parts);
}
