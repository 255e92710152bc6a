import { dueState, type DueWords } from '../lib/due-time';
import { fullTime } from '../lib/format-time';
import { useNow } from '../lib/use-now';

/** "Due in 25 minutes" / "⚠ Overdue by 3 minutes": words and a symbol first, the red only repeats them. */
export function DueTime({ dueAt, words, everyMs }: { dueAt: string; words?: DueWords; everyMs?: number }) {
  const now = useNow(everyMs);
  const due = dueState(dueAt, now, words);
  return (
    <time dateTime={dueAt} title={fullTime(dueAt)} className={due.overdue ? 'due due--overdue' : 'due'}>
      {due.overdue ? <span aria-hidden="true">⚠ </span> : null}
      {due.text}
    </time>
  );
}
