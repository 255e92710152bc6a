/** What replaces a quoted span of a member's words in stored evidence. */
export const REDACTED = '[removed]';

/**
 * Keys under which screening and escalation evidence quote what a member wrote. `note` is a
 * moderator's note escalating a case (`{ escalatedFromCase, note }`): it often quotes the post.
 */
const TEXT_KEYS = new Set(['phrase', 'text', 'original', 'squashed', 'excerpt', 'snippet', 'quote', 'match', 'matched', 'sentence', 'line', 'passage', 'note']);

/**
 * Evidence with every quoted span of text replaced, everything else (pattern ids, tiers, sources,
 * scores) kept: staff still see why a post was held or escalated, not what it said.
 */
export function redactQuotedText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => redactQuotedText(item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      TEXT_KEYS.has(key) && typeof item === 'string' ? REDACTED : redactQuotedText(item),
    ]),
  );
}
