import { useMemo } from 'react';
import { highlightEvidence } from '../lib/evidence-highlight';
import { fullTime, timeAgo } from '../lib/format-time';

export interface ReviewedPost {
  body?: string | null;
  createdAt: string;
  editedAt?: string | null;
  revision?: number;
  author: { displayName: string };
}

/**
 * A post as staff review it (a case, an escalation): who and when, its state in words (`tag`), and
 * the body with what screening matched (`phrases`) marked in it.
 */
export function PostUnderReview({ post, phrases, tag, where }: { post: ReviewedPost; phrases: readonly string[]; tag: string; where?: string }) {
  const body = useMemo(() => (post.body ? highlightEvidence(post.body, phrases) : null), [post.body, phrases]);
  return (
    <article className="post post--case">
      <header className="post__meta">
        <span className="post__author">{post.author.displayName}</span>{' '}
        <time dateTime={post.createdAt} title={fullTime(post.createdAt)}>
          {timeAgo(post.createdAt)}
        </time>
        {where ? ` ${where}` : ''}
        {post.editedAt ? <span className="post__edited"> · edited (revision {post.revision})</span> : null} <span className="tag tag--held">{tag}</span>
      </header>
      {body ? (
        <>
          {/* Sanitized by the server; only <mark> added here (lib/evidence-highlight.ts). */}
          <div className="post__body" dangerouslySetInnerHTML={{ __html: body.html }} />
          {body.marked > 0 ? <p className="hint">Highlighted: what screening matched.</p> : null}
        </>
      ) : (
        <p className="hint">The author deleted this post.</p>
      )}
    </article>
  );
}
