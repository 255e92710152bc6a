import { useCallback, useMemo } from 'react';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { PostUnderReview } from '../../../components/post-under-review';
import { LoadProblem } from '../../../components/problem';
import { fullTime, timeAgo } from '../../../lib/format-time';
import { CRISIS_LABEL } from '../../../lib/risk-labels';
import { usePageTitle } from '../../../lib/use-page-title';
import { EscalationQuery } from '../api/escalations';
import { OUTCOME_LABEL, SEVERITY_LABEL, STATUS_LABEL } from '../escalation-labels';
import { useAcknowledge } from '../hooks/use-acknowledge';
import { useLiveEscalations } from '../hooks/use-live-escalations';
import { EscalationCases } from './escalation-cases';
import { EscalationFacts } from './escalation-facts';
import { EscalationFollowThrough } from './escalation-follow-through';
import { ResolveEscalation } from './resolve-escalation';
import { RiskTimeline } from './risk-timeline';

/**
 * Escalation evidence is JSON text, one object per item. Matched phrases repeat the post's own
 * screening evidence (shown above it) unless the post has none; other items (repeated signals, say)
 * read as "name: value" pairs.
 */
function evidenceLines(raw: readonly string[], postScreened: boolean): string[] {
  return raw.flatMap((item) => {
    try {
      const value = JSON.parse(item) as Record<string, unknown> | null;
      if (!value || typeof value !== 'object') return [];
      if (typeof value.phrase === 'string') {
        const construct = typeof value.construct === 'string' ? value.construct : 'matched';
        const tier = typeof value.tier === 'string' ? value.tier.toLowerCase() : 'risk';
        return postScreened ? [] : [`“${value.phrase}” — ${construct}, ${tier}`];
      }
      return [
        Object.entries(value)
          .map(
            ([k, v]) => `${k.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`,
          )
          .join(', '),
      ];
    } catch {
      return [];
    }
  });
}

/**
 * One escalation: what it is and where it stands (acknowledge here too), the post with the crisis
 * evidence marked in it (held posts included: clinicians see them), the moderation cases of its
 * posts (the escalation's own with its notes), the client's risk over weeks, and the outcome form.
 */
export function EscalationView({ escalationId, viewerId }: { escalationId: string; viewerId: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: EscalationQuery, variables: { id: escalationId } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useLiveEscalations(refetch);
  const ack = useAcknowledge(refetch);
  const e = data?.escalation;
  usePageTitle(e ? `Escalation: ${e.subject.displayName}` : fetching ? 'Loading escalation' : 'Escalation not found');

  const phrases = useMemo(() => e?.post?.screening?.crisisEvidence.map((x) => x.phrase) ?? [], [e]);

  if (fetching && !data) return <Loading what="Loading the escalation" />;
  const notFound = error?.graphQLErrors.some((x) => x.extensions.code === 'NOT_FOUND' || x.extensions.code === 'BAD_USER_INPUT');
  if (!e && notFound) {
    return (
      <>
        <PageHeading>This escalation is not available</PageHeading>
        <p>The address may be wrong.</p>
        <p>
          <Link href="/escalations">Back to the inbox</Link>
        </p>
      </>
    );
  }
  if (!e) return error ? <LoadProblem retry={refetch} /> : null;

  const post = e.post;
  const extra = evidenceLines(e.evidence, (post?.screening?.crisisEvidence.length ?? 0) > 0);
  return (
    <div className="escalation-view">
      <p className="back-link-wrap">
        <Link href="/escalations" className="back-link">
          Back to the inbox
        </Link>
      </p>
      <PageHeading caption={`${SEVERITY_LABEL[e.severity]} · ${STATUS_LABEL[e.status]}`}>Escalation for {e.subject.displayName}</PageHeading>
      <EscalationFacts e={e} viewerId={viewerId} summary />
      {ack.problem ? (
        <p className="error-message" role="alert">
          {ack.problem.message}
        </p>
      ) : null}
      {e.status === 'OPEN' ? (
        <button type="button" className="button button--primary" disabled={ack.fetching} onClick={() => void ack.acknowledge(e.id)}>
          Acknowledge
        </button>
      ) : null}
      {e.note ? (
        <p>
          <strong>Why it was raised:</strong> {e.note}
        </p>
      ) : null}
      {e.ackNote ? (
        <p>
          <strong>Acknowledgement note:</strong> {e.ackNote}
        </p>
      ) : null}
      {e.status === 'RESOLVED' ? (
        <div className="inset inset--success">
          <p className="inset__label">Resolved{e.outcome ? `: ${OUTCOME_LABEL[e.outcome]}` : ''}</p>
          {e.resolutionNote ? <p>{e.resolutionNote}</p> : null}
          {e.resolvedAt ? (
            <p className="hint">
              <time dateTime={e.resolvedAt} title={fullTime(e.resolvedAt)}>
                {timeAgo(e.resolvedAt)}
              </time>
            </p>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="escalation-post-heading">
        <h2 id="escalation-post-heading">The post</h2>
        {post ? (
          <PostUnderReview
            post={post}
            phrases={phrases}
            where={post.thread ? `in ${post.thread.space.name}: ${post.thread.title}` : undefined}
            tag={post.status === 'HELD' ? 'Held: only staff see it' : post.status.toLowerCase()}
          />
        ) : (
          <p>{e.postId === null ? 'This escalation is not about one post.' : 'The post is not available.'}</p>
        )}
        <h3>Evidence</h3>
        {post?.screening ? (
          <p>
            Screening saw <strong>{CRISIS_LABEL[post.screening.crisisLevel].toLowerCase()}</strong>.
          </p>
        ) : null}
        {(post?.screening?.crisisEvidence.length ?? 0) === 0 && extra.length === 0 ? (
          <p>No evidence items were recorded.</p>
        ) : (
          <ul className="evidence__list">
            {post?.screening?.crisisEvidence.map((x, i) => (
              <li key={`${x.phrase}-${i}`}>
                <q>{x.phrase}</q> — {x.construct}, counted as <strong>{CRISIS_LABEL[x.level]}</strong>
                {x.discount ? `, discounted (${x.discount.toLowerCase().replace(/_/g, ' ')})` : ''}
              </li>
            ))}
            {extra.map((line, i) => (
              <li key={`extra-${i}`}>{line}</li>
            ))}
          </ul>
        )}
      </section>

      <EscalationCases e={e} viewerId={viewerId} />

      <EscalationFollowThrough e={e} />
      <RiskTimeline memberId={e.subject.id} name={e.subject.displayName} refreshKey={`${e.status}:${e.level}:${e.reminders}`} />

      {e.status !== 'RESOLVED' ? <ResolveEscalation key={e.id} escalationId={e.id} refetch={refetch} /> : null}
    </div>
  );
}
