import { DueTime } from '../../../components/due-time';
import { fullTime } from '../../../lib/format-time';
import { clockTime } from '../../../lib/due-time';
import type { InboxEscalationFieldsFragment } from '../../../lib/gql/graphql';
import { ACK_WORDS, currentLevelCovered, levelLabel, missedDeadlines, OUTCOME_LABEL, TRIGGER_LABEL } from '../escalation-labels';

/** The countdown while nobody has acknowledged; once someone has, who and when (the clock stops). */
export function AckState({ e, viewerId }: { e: InboxEscalationFieldsFragment; viewerId: string }) {
  if (e.status === 'OPEN') {
    const missed = missedDeadlines(e);
    return (
      <>
        {missed > 0 ? (
          <strong className="due--overdue">
            <span aria-hidden="true">⚠ </span>Overdue: {missed === 1 ? '1 deadline' : `${missed} deadlines`} missed.{' '}
          </strong>
        ) : null}
        <DueTime dueAt={e.ackDueAt} words={ACK_WORDS} everyMs={5_000} />
      </>
    );
  }
  if (!e.acknowledgedAt) return <span>Resolved without an acknowledgement</span>;
  const who = e.acknowledgedBy ? (e.acknowledgedBy.id === viewerId ? 'you' : e.acknowledgedBy.displayName) : 'a clinician';
  return (
    <span className="ack-done">
      <span aria-hidden="true">✓ </span>Acknowledged by {who} at{' '}
      <time dateTime={e.acknowledgedAt} title={fullTime(e.acknowledgedAt)}>
        {clockTime(e.acknowledgedAt)}
      </time>
    </span>
  );
}

/** The facts a clinician needs at a glance, all in words: in an inbox row, or as the escalation view's summary. */
export function EscalationFacts({ e, viewerId, summary = false }: { e: InboxEscalationFieldsFragment; viewerId: string; summary?: boolean }) {
  return (
    <dl className={summary ? 'summary-list' : 'queue-item__facts'}>
      <div>
        <dt>Client</dt>
        <dd>{e.subject.displayName}</dd>
      </div>
      <div>
        <dt>Why</dt>
        <dd>{TRIGGER_LABEL[e.trigger]}</dd>
      </div>
      <div>
        <dt>Paged</dt>
        <dd>
          {levelLabel(e.level, currentLevelCovered(e))} (level {e.level} of 4)
          {e.reminders > 0 ? `, reminded ${e.reminders} time${e.reminders === 1 ? '' : 's'}` : ''}
        </dd>
      </div>
      <div>
        <dt>Acknowledgement</dt>
        <dd>
          <AckState e={e} viewerId={viewerId} />
        </dd>
      </div>
      {e.status === 'RESOLVED' && e.outcome ? (
        <div>
          <dt>Outcome</dt>
          <dd>{OUTCOME_LABEL[e.outcome]}</dd>
        </div>
      ) : null}
      <div>
        <dt>Raised</dt>
        <dd>
          <time dateTime={e.createdAt} title={fullTime(e.createdAt)}>
            {clockTime(e.createdAt)}
          </time>
          {e.post?.thread ? ` in ${e.post.thread.space.name}` : ''}
        </dd>
      </div>
    </dl>
  );
}
