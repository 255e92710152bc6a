import { AppError, ErrorCode } from '../errors/app-error';
import { cursorFormat, CursorParts } from './cursor';

const raw = (values: unknown): string => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
const ID = '0b6f3a52-8c1e-4d2a-9f7b-5e4c3d2b1a09';

function refusal(decode: () => unknown): AppError | null {
  try {
    decode();
    return null;
  } catch (error) {
    return error instanceof AppError ? error : null;
  }
}

describe('cursorFormat', () => {
  const sut = cursorFormat(CursorParts.oneOf([0, 1, 2, 3]), CursorParts.timestamp, CursorParts.uuid);

  it('should read back every cursor it wrote', () => {
    for (const at of ['2026-11-28 10:15:00+00', '2026-11-28 10:15:00.123456+00', '2024-02-29 23:59:59.5-03:30', '0001-01-01 00:00:00+00:19:32']) {
      const values = [2, at, ID] as [number, string, string];
      expect(sut.decode(sut.encode(values))).toEqual(values);
    }
  });

  it('should answer null for the first page', () => {
    expect(sut.decode(null)).toBeNull();
    expect(sut.decode(undefined)).toBeNull();
  });

  it.each([
    ['a non-uuid id', raw([1, '2026-11-28 10:15:00+00', 'not-a-uuid'])],
    ['36 dashes', raw([1, '2026-11-28 10:15:00+00', '-'.repeat(36)])],
    ['an upper-case id PostgreSQL never prints', raw([1, '2026-11-28 10:15:00+00', ID.toUpperCase()])],
    ['"1" as a date', raw([1, '1', ID])],
    ['a date beyond PostgreSQL', raw([1, '+275760-09-13T00:00:00.000Z', ID])],
    ['an ISO date the server does not write', raw([1, '2026-11-28T10:15:00.000Z', ID])],
    ['the 30th of February', raw([1, '2026-02-30 10:15:00+00', ID])],
    ['the 29th of February in a common year', raw([1, '2100-02-29 10:15:00+00', ID])],
    ['hour 24', raw([1, '2026-11-28 24:00:00+00', ID])],
    ['year 0', raw([1, '0000-01-01 00:00:00+00', ID])],
    ['seven fraction digits', raw([1, '2026-11-28 10:15:00.1234567+00', ID])],
    ['an unknown rank', raw([7, '2026-11-28 10:15:00+00', ID])],
    ['a rank as text', raw(['1', '2026-11-28 10:15:00+00', ID])],
    ['too few values', raw([1, '2026-11-28 10:15:00+00'])],
    ['too many values', raw([1, '2026-11-28 10:15:00+00', ID, ID])],
    ['an object', raw({ rank: 1 })],
    ['another spelling of a valid cursor', Buffer.from(`[1, "2026-11-28 10:15:00+00", "${ID}"]`).toString('base64url')],
    ['padding', `${raw([1, '2026-11-28 10:15:00+00', ID])}=`],
    ['not base64 JSON', 'hello'],
    ['an empty string', ''],
    ['a very long cursor', raw([1, '2026-11-28 10:15:00+00', ID, 'x'.repeat(1000)])],
  ])('should refuse %s with BAD_USER_INPUT', (_what, cursor) => {
    const error = refusal(() => sut.decode(cursor));
    expect(error?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error?.message).toBe('after is not a cursor from this list.');
  });

  it('should take bigints up to PostgreSQL’s maximum, as text only', () => {
    const seq = cursorFormat(CursorParts.bigint);
    expect(seq.decode(seq.encode(['9223372036854775807']))).toEqual(['9223372036854775807']);
    for (const value of ['9223372036854775808', '-1', '01', '1.5', '1e3', 7]) {
      expect(refusal(() => seq.decode(raw([value])))?.code).toBe(ErrorCode.BAD_USER_INPUT);
    }
  });
});
