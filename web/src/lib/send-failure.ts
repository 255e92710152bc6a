import type { CombinedError, OperationResult } from 'urql';

/** Why a send did not go through, in the terms a person can act on. The draft is always kept. */
export type SendFailure =
  | { kind: 'offline' }
  | { kind: 'rate-limited'; retryAfterSeconds: number | null }
  | { kind: 'unavailable'; retryAfterSeconds: number | null }
  | { kind: 'signed-out' }
  | { kind: 'invalid'; message: string }
  | { kind: 'not-found' }
  | { kind: 'unknown' };

function retryAfterOf(extensions: Record<string, unknown>): number | null {
  const value = extensions.retryAfter;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;
}

/** Reads a failed mutation: no answer at all (offline, server down) or the server's coded refusal. */
export function sendFailureOf(error: CombinedError): SendFailure {
  if (!navigator.onLine) return { kind: 'offline' };
  // No answer at all: the service could not be reached (down, restarting, or the network in between).
  if (error.networkError) return { kind: 'unavailable', retryAfterSeconds: null };
  if (error.graphQLErrors.length === 0) return { kind: 'unknown' };
  const first = error.graphQLErrors[0];
  const extensions = first.extensions;
  switch (extensions.code) {
    case 'RATE_LIMITED':
      return { kind: 'rate-limited', retryAfterSeconds: retryAfterOf(extensions) };
    case 'SERVICE_UNAVAILABLE':
      return { kind: 'unavailable', retryAfterSeconds: retryAfterOf(extensions) };
    case 'UNAUTHENTICATED':
      return { kind: 'signed-out' };
    case 'BAD_USER_INPUT':
      return { kind: 'invalid', message: first.message };
    case 'NOT_FOUND':
      return { kind: 'not-found' };
    default:
      return { kind: 'unknown' };
  }
}

/** "about 2 minutes", "45 seconds": a wait as a person would say it. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} minutes` : `about ${Math.round(minutes / 60)} hours`;
}

/** What to tell the person, always starting with the fact that nothing was lost. */
export function describeSendFailure(failure: SendFailure): string {
  switch (failure.kind) {
    case 'offline':
      return 'Your message has not been sent because you seem to be offline. It is saved here. Check your connection, then select Send again.';
    case 'rate-limited':
      return `You have posted a lot in a short time, so sending is paused${
        failure.retryAfterSeconds ? ` for ${describeWait(failure.retryAfterSeconds)}` : ' for a little while'
      }. Your message is saved here: you can send it then.`;
    case 'unavailable':
      return `We could not send your message just now. It is saved here. Try again${
        failure.retryAfterSeconds ? ` in ${describeWait(failure.retryAfterSeconds)}` : ' in a moment'
      }.`;
    case 'signed-out':
      return 'Your session has ended. Your message is saved on this device: sign in again to send it.';
    case 'invalid':
      return failure.message;
    case 'not-found':
      return 'This is no longer available to reply to. Your message is saved here so you can copy it.';
    case 'unknown':
      return 'Something went wrong and your message was not sent. It is saved here. Try again, or come back later.';
  }
}

/** A mutation's answer as what was sent, or the words saying why it was not (`nothing` when the answer was empty). */
export function sendOutcome<Data>(result: Pick<OperationResult<Data>, 'data' | 'error'>, nothing: string): { sent: Data } | { unsent: string } {
  if (result.error) return { unsent: describeSendFailure(sendFailureOf(result.error)) };
  return result.data ? { sent: result.data } : { unsent: nothing };
}
