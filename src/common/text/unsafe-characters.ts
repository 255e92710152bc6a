/**
 * C0/C1 controls (NUL would make PostgreSQL refuse the row), and bidirectional overrides that make
 * text display in a different order than it is read. Tabs and newlines stay.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Half of a surrogate pair on its own is not text: PostgreSQL would store U+FFFD, so the answer says so too. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text a client sent, without the characters no stored text may hold. */
export function stripUnsafeChars(value: string): string {
  return value.replace(UNSAFE_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}
