import { fullTime } from '../../../lib/format-time';
import { dueState } from '../due-time';
import { useNow } from '../hooks/use-now';

/** "Due in 25 minutes" / "⚠ Overdue by 3 minutes": words and a symbol first, the red only repeats them. */
export function DueTime({ dueAt }: { dueAt: string }) {
  const now = useNow();
  const due = dueState(dueAt, now);
  return (
    <time dateTime={dueAt} title={fullTime(dueAt)} className={due.overdue ? 'due due--overdue' : 'due'}>
      {due.overdue ? <span aria-hidden="true">⚠ </span> : null}
      {due.text}
    </time>
  );
}
