import type { CombinedError } from 'urql';
import { describeWait, sendFailureOf, type SendFailure } from './send-failure';

/**
 * What to say for each kind of failure (each one stands for a server error code, or no answer at
 * all), as a full sentence. Typed per kind, so a new kind of SendFailure that is not worded here
 * fails to compile rather than showing nothing. Drafts in the forum use describeSendFailure instead:
 * that wording also says the message is kept.
 */
export type FailureWording = { readonly [K in SendFailure['kind']]: (failure: Extract<SendFailure, { kind: K }>) => string };

/** A form or a button in the program console, or in someone's own settings. */
export const ACTION_FAILURE_WORDING: FailureWording = {
  offline: () => 'You seem to be offline. Check your connection and try again.',
  'rate-limited': (f) => `Too many in a short time. Try again in ${describeWait(f.retryAfterSeconds ?? 60)}.`,
  unavailable: (f) => `The forum did not answer. Try again ${f.retryAfterSeconds ? `in ${describeWait(f.retryAfterSeconds)}` : 'in a moment'}.`,
  'signed-out': () => 'You were signed out. Sign in again.',
  // The server's own words: they name the field and the limit (BAD_USER_INPUT messages are written to be shown).
  invalid: (f) => f.message,
  'not-found': () => 'It is no longer there. The page has been refreshed.',
  unknown: () => 'Something went wrong. Try again.',
};

/** Why it did not work, as a sentence (an error summary's link, a status line). */
export function failureText(error: CombinedError, wording: FailureWording = ACTION_FAILURE_WORDING): string {
  const failure = sendFailureOf(error);
  // The table's type pairs each kind with its own shape; TypeScript cannot follow that through an index, so widen it here.
  return (wording[failure.kind] as (f: SendFailure) => string)(failure);
}

/** "Not removed: you seem to be offline. …": what did not happen, then why. */
export function notDone(what: string, error: CombinedError, wording: FailureWording = ACTION_FAILURE_WORDING): string {
  const why = failureText(error, wording);
  return `${what}: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
}
