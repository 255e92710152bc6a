import type { ReactionKind } from '../../lib/gql/graphql';

/**
 * The five supportive reactions, in the order they are shown, named in words (a screen reader
 * reads the name; there are no down-votes). The server's notifications use the same names.
 */
export const REACTIONS: ReadonlyArray<{ kind: ReactionKind; name: string }> = [
  { kind: 'HEART', name: 'Heart' },
  { kind: 'HUG', name: 'Hug' },
  { kind: 'STRENGTH', name: 'Strength' },
  { kind: 'RELATE', name: 'I relate' },
  { kind: 'THANKS', name: 'Thank you' },
];

/** A post body's text, short enough to quote beside a reply: the words only, never markup. */
export function excerptOf(html: string, maxChars = 280): string {
  const text = (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}
