import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { PostUnderReview } from '../../../components/post-under-review';
import { StaffNotes } from '../../../components/staff-notes';
import { LoadProblem } from '../../../components/problem';
import { escalationCaseCameFrom } from '../../../lib/case-links';
import { fullTime, timeAgo } from '../../../lib/format-time';
import { usePageTitle } from '../../../lib/use-page-title';
import { ModerationCaseQuery } from '../api/moderation';
import { caseWithAnswer, type ResolveAnswer } from '../case-answer';
import { CRISIS_LABEL, DECISION_LABEL, PRIORITY_LABEL, REASON_LABEL, STATUS_LABEL } from '../case-labels';
import { useLiveQueue } from '../hooks/use-live-queue';
import { useShortcuts } from '../hooks/use-shortcuts';
import { applyFilters, filtersFrom } from '../queue-filters';
import { CaseDecisions } from './case-decisions';
import { DueTime } from '../../../components/due-time';
import { useQueueCases } from './moderation-queue';
import { ScreeningEvidence, watchedWordHitsOf } from './screening-evidence';
import { ShortcutsHelp, useShortcutsHelp } from './shortcuts-help';

const HELD_REASON_LABEL: Record<string, string> = {
  CRISIS: 'a crisis signal',
  THREAT: 'a threat to others',
  TOXICITY: 'hurtful wording',
  WATCHED_WORD: 'a watched word',
  USER_REPORTS: 'reports from members',
  SCREENING_FAILED: 'screening could not run',
  MODERATOR: 'a peer specialist',
};

/**
 * One case: the post with the screening evidence marked in its text, the decision panel, the
 * thread around it, the author's recent history and risk signals (in the peer's spaces only), and
 * colleagues' notes. j/k move through the queue in its filtered order.
 */
export function CaseView({ caseId, viewerId, search }: { caseId: string; viewerId: string; search: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ModerationCaseQuery, variables: { id: caseId } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useLiveQueue(refetch);
  const queue = useQueueCases();
  const [, navigate] = useLocation();
  const help = useShortcutsHelp();
  const [answer, setAnswer] = useState<ResolveAnswer | null>(null);
  const read = data?.moderationCase;
  const c = read ? caseWithAnswer(read, answer) : read;
  usePageTitle(c ? `Case: ${c.post?.thread?.title ?? 'post'}` : fetching ? 'Loading case' : 'Case not found');

  const order = applyFilters(queue.cases, filtersFrom(search)).map((x) => x.id);
  const at = order.indexOf(caseId);
  const suffix = search ? `?${search}` : '';
  const escalationId = escalationCaseCameFrom(search);
  const back = escalationId
    ? { href: `/escalations/${escalationId}`, words: 'Back to the escalation' }
    : { href: `/moderation${suffix}`, words: 'Back to the queue' };
  // A decided case has left the queue: "next" is then the case that now stands first.
  const nextId = at === -1 ? (order[0] ?? null) : (order[at + 1] ?? null);
  const previousId = at > 0 ? order[at - 1] : null;
  useShortcuts({
    j: () => nextId && navigate(`/moderation/cases/${nextId}${suffix}`),
    k: () => previousId && navigate(`/moderation/cases/${previousId}${suffix}`),
    '?': help.open,
  });

  const phrases = useMemo(
    () => (c ? [...(c.post?.screening?.crisisEvidence.map((e) => e.phrase) ?? []), ...watchedWordHitsOf(c).map((h) => h.phrase)] : []),
    [c],
  );

  if (fetching && !data) return <Loading what="Loading the case" />;
  if (!data) return error ? <LoadProblem retry={refetch} /> : null;
  if (!c) {
    return (
      <>
        <PageHeading>This case is not available</PageHeading>
        <p>It may be in a space you do not moderate, or the address may be wrong.</p>
        <p>
          <Link href={back.href}>{back.words}</Link>
        </p>
      </>
    );
  }
  const post = c.post;
  const thread = post?.thread;
  return (
    <div className="case-view">
      <p className="back-link-wrap">
        <Link href={back.href} className="back-link">
          {back.words}
        </Link>
      </p>
      <PageHeading caption={thread ? `Case in ${thread.space.name}` : 'Case'}>{thread?.title ?? 'A post'}</PageHeading>
      <nav className="case-nav" aria-label="Cases in the queue">
        {previousId ? (
          <Link href={`/moderation/cases/${previousId}${suffix}`} aria-keyshortcuts="k">
            Previous case
          </Link>
        ) : (
          <span />
        )}
        {at !== -1 ? (
          <span>
            Case {at + 1} of {order.length}
          </span>
        ) : null}
        {nextId ? (
          <Link href={`/moderation/cases/${nextId}${suffix}`} aria-keyshortcuts="j">
            Next case
          </Link>
        ) : (
          <span>No more cases</span>
        )}
      </nav>

      <dl className="summary-list">
        <div>
          <dt>Priority</dt>
          <dd>
            <span className={`priority priority--${c.priority.toLowerCase()}`}>{PRIORITY_LABEL[c.priority]}</span>
          </dd>
        </div>
        <div>
          <dt>Why</dt>
          <dd>{c.reasons.map((r) => REASON_LABEL[r]).join(', ')}</dd>
        </div>
        <div>
          <dt>Crisis level</dt>
          <dd>{CRISIS_LABEL[post?.screening?.crisisLevel ?? c.evidence?.crisisLevel ?? 'NONE']}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>{c.status === 'RESOLVED' && c.decision ? DECISION_LABEL[c.decision] : STATUS_LABEL[c.status]}</dd>
        </div>
        {c.status !== 'RESOLVED' ? (
          <div>
            <dt>Due</dt>
            <dd>
              <DueTime dueAt={c.dueAt} />
            </dd>
          </div>
        ) : null}
        {c.reportCount > 0 ? (
          <div>
            <dt>Reports</dt>
            <dd>{c.reportCount === 1 ? '1 member reported it' : `${c.reportCount} members reported it`}</dd>
          </div>
        ) : null}
      </dl>

      <section className="case-post" aria-labelledby="case-post-heading">
        <h2 id="case-post-heading">The post</h2>
        {post ? (
          <PostUnderReview
            post={post}
            phrases={phrases}
            tag={post.status === 'HELD' ? `Held${post.heldReason ? ` for ${HELD_REASON_LABEL[post.heldReason]}` : ''}` : post.status.toLowerCase()}
          />
        ) : (
          <p>The post is not available.</p>
        )}
      </section>

      <ScreeningEvidence c={c} />
      <CaseDecisions key={c.id} c={c} viewerId={viewerId} refetch={refetch} onDecided={setAnswer} />

      <section aria-labelledby="thread-context-heading">
        <h2 id="thread-context-heading">Around it in the thread</h2>
        {c.threadContext.length === 0 ? (
          <p>It is the only post in its thread.</p>
        ) : (
          <ol className="context-list">
            {c.threadContext.map((p) => (
              <li key={p.id} className={p.id === post?.id ? 'context-list__item context-list__item--this' : 'context-list__item'}>
                <p className="post__meta">
                  <strong>{p.author.displayName}</strong> · {timeAgo(p.createdAt)}
                  {p.id === post?.id ? ' · this post' : p.status !== 'PUBLISHED' ? ` · ${p.status.toLowerCase()}` : ''}
                </p>
                {p.body ? <div className="post__body" dangerouslySetInnerHTML={{ __html: p.body }} /> : <p className="hint">Deleted.</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="author-history-heading">
        <h2 id="author-history-heading">{c.author?.displayName ?? 'The author'}: recent history in your spaces</h2>
        <h3>Risk signals</h3>
        {c.authorRiskSignals.length === 0 ? (
          <p>No risk signals.</p>
        ) : (
          <ul className="history-list">
            {c.authorRiskSignals.map((s) => (
              <li key={s.id}>
                <strong>{CRISIS_LABEL[s.level]}</strong> ·{' '}
                <time dateTime={s.createdAt} title={fullTime(s.createdAt)}>
                  {timeAgo(s.createdAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
        <h3>Other cases</h3>
        {c.authorRecentCases.length === 0 ? (
          <p>No other cases.</p>
        ) : (
          <ul className="history-list">
            {c.authorRecentCases.map((other) => (
              <li key={other.id}>
                <Link href={`/moderation/cases/${other.id}${suffix}`}>
                  {PRIORITY_LABEL[other.priority]}: {other.reasons.map((r) => REASON_LABEL[r]).join(', ')}
                </Link>{' '}
                · {other.status === 'RESOLVED' && other.decision ? DECISION_LABEL[other.decision] : STATUS_LABEL[other.status]} · opened{' '}
                {timeAgo(other.openedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes by colleagues</h2>
        <StaffNotes notes={c.notes} viewerId={viewerId} />
      </section>
      <p className="hint">
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
      <ShortcutsHelp controller={help} />
    </div>
  );
}
