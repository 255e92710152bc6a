import type { SendFailure } from '../../lib/send-failure';

/** A failed console action in plain words. */
export function failureText(failure: SendFailure): string {
  switch (failure.kind) {
    case 'offline':
      return 'you seem to be offline. Check your connection and try again.';
    case 'rate-limited':
      return `too many in a short time. Try again in ${failure.retryAfterSeconds ?? 60} seconds.`;
    case 'unavailable':
      return 'the service did not answer. Try again in a moment.';
    case 'signed-out':
      return 'you were signed out. Sign in again.';
    case 'invalid':
      return failure.message;
    case 'not-found':
      return 'it is no longer there. The page has been refreshed.';
    case 'unknown':
      return 'something went wrong. Try again.';
  }
}
