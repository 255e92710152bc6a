const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function span(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) {
    const minutes = Math.floor(ms / MINUTE);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return `${hours} hour${hours === 1 ? '' : 's'}${minutes > 0 ? ` ${minutes} min` : ''}`;
}

export interface DueState {
  overdue: boolean;
  /** "Due in 25 minutes" or "Overdue by 3 minutes": the words carry the meaning, the colour only repeats it. */
  text: string;
}

/** What comes before the time left and the time past: a case is "Due in", an escalation "Acknowledge within". */
export interface DueWords {
  due: string;
  overdue: string;
}

const DUE_WORDS: DueWords = { due: 'Due in', overdue: 'Overdue by' };

export function dueState(dueAt: string, now: number, words: DueWords = DUE_WORDS): DueState {
  const left = new Date(dueAt).getTime() - now;
  return left < 0 ? { overdue: true, text: `${words.overdue} ${span(-left)}` } : { overdue: false, text: `${words.due} ${span(left)}` };
}

/** "12 minutes" left on a claim's lease, or null once it lapsed. */
export function timeLeft(until: string | null | undefined, now: number): string | null {
  if (!until) return null;
  const left = new Date(until).getTime() - now;
  return left > 0 ? span(left) : null;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
export function clockTime(iso: string): string {
  return clock.format(new Date(iso));
}
