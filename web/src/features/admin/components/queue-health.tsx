import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../components/button';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { fullTime } from '../../../lib/format-time';
import type { JobQueue } from '../../../lib/gql/graphql';
import { QueueHealthQuery, RetryFailedJobsMutation } from '../api/admin';
import { notDone } from '../../../lib/failure-text';
import { AdminTable } from './admin-table';
import { StatusMessage } from './status-message';

/** Read again this often while the page is open: the counts move with every post. */
const REFRESH_MS = 10_000;

const QUEUE_ABOUT: Record<JobQueue, string> = {
  SCREENING: 'Screening of new and edited posts',
  ESCALATION: 'Paging clinicians and their deadlines',
  MODERATION: 'Reports and case due times',
  WEBHOOK: 'Signed webhooks to outside systems',
  SWEEPS: 'Regular checks that nothing was missed',
};

function age(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} seconds`;
  if (seconds < 3_600) return `${Math.round(seconds / 60)} minutes`;
  return `${(seconds / 3_600).toFixed(1)} hours`;
}

/** Job counts per BullMQ queue, the screening backlog, and a retry for failed jobs. */
export function QueueHealth() {
  const [result, reexecute] = useQuery({ query: QueueHealthQuery, requestPolicy: 'network-only' });
  const [{ fetching: retrying }, retry] = useMutation(RetryFailedJobsMutation);
  const [status, setStatus] = useState('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reexecute]);

  if (result.fetching && !result.data) return <Loading what="Loading the queues" />;
  if (!result.data) return <LoadProblem retry={refresh} />;
  const health = result.data.queueHealth;

  const doRetry = async (queue: JobQueue) => {
    const res = await retry({ queue });
    if (res.error) setStatus(notDone('Not retried', res.error));
    else setStatus(`${res.data?.retryFailedJobs ?? 0} failed jobs of ${QUEUE_ABOUT[queue].toLowerCase()} are running again.`);
    refresh();
  };

  const oldest = health.oldestPendingScreeningSeconds;
  return (
    <>
      <StatusMessage text={status} />
      <section aria-labelledby="screening-backlog-title" className="admin-card">
        <h2 id="screening-backlog-title" className="admin-card__title">
          Posts waiting for screening
        </h2>
        <p className="admin-figure">
          {health.pendingScreenings === 0 ? 'None: every post has been screened.' : `${health.pendingScreenings} waiting; the oldest for ${age(oldest ?? 0)}.`}
        </p>
        {oldest !== null && oldest > 300 ? (
          <p className="inset">
            <strong>Screening is behind.</strong> Posts stay private until they are screened. Check that the worker is running.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="queues-title">
        <h2 id="queues-title">Job queues</h2>
        <AdminTable
          labelledBy="queues-title"
          caption="Job queues: jobs waiting, running, failed, scheduled and done in the last hour"
          className="admin-table--numbers"
          testId="queue-table"
          columns={[
            { header: 'Queue' },
            { header: 'Waiting' },
            { header: 'Running' },
            { header: 'Failed' },
            { header: 'Scheduled' },
            { header: 'Done (last hour)' },
            { header: 'Retry', hidden: true },
          ]}
          rows={health.queues}
          rowKey={(q) => q.queue}
          cells={(q) => (
            <>
              <th scope="row">
                {q.queue.toLowerCase()}
                {q.paused ? ' (paused)' : ''}
                <br />
                <span className="hint">{QUEUE_ABOUT[q.queue]}</span>
              </th>
              <td>{q.waiting}</td>
              <td>{q.active}</td>
              <td>{q.failed > 0 ? <strong>{q.failed} failed</strong> : 0}</td>
              <td>{q.delayed}</td>
              <td>{q.completed}</td>
              <td>
                {q.failed > 0 ? (
                  <Button variant="secondary" disabled={retrying} onClick={() => void doRetry(q.queue)}>
                    Retry
                    <span className="visually-hidden">
                      {' '}
                      {q.failed} failed jobs of the {q.queue.toLowerCase()} queue
                    </span>
                  </Button>
                ) : null}
              </td>
            </>
          )}
        />
        <p className="hint">
          Read at <time dateTime={health.checkedAt}>{fullTime(health.checkedAt)}</time>; refreshed every 10 seconds.{' '}
        </p>
        <Button variant="secondary" onClick={refresh}>
          Refresh now
        </Button>
      </section>
    </>
  );
}
