import { useRef, type ReactNode } from 'react';
import { Link } from 'wouter';
import { fullTime, timeAgo } from '../../../lib/format-time';
import type { PostFieldsFragment } from '../../../lib/gql/graphql';
import { usePostAnchor } from '../hooks/use-post-anchor';
import { PostState } from './post-state';
import { PostSupport } from './post-support';
import { QuotedPost } from './quoted-post';

export interface PostItemProps {
  post: PostFieldsFragment;
  viewerId: string;
  /** The thread's opening post reads as the thread's start, not as a reply. */
  opening?: boolean;
  /** What the app shows under the author's own screened post (crisis or supportive resources). */
  afterOwnPost?: (postId: string) => ReactNode;
}

/** One post: who wrote it (pseudonym) and when, its text, and for its author its real state and actions. */
export function PostItem({ post, viewerId, opening = false, afterOwnPost }: PostItemProps) {
  const own = post.author.id === viewerId;
  const when = timeAgo(post.createdAt);
  const article = useRef<HTMLElement>(null);
  usePostAnchor(post.id, article);
  return (
    <article className={`post${own ? ' post--own' : ''}`} aria-labelledby={`post-${post.id}-by`} id={`post-${post.id}`} ref={article} tabIndex={-1}>
      <header className="post__meta">
        <span className="post__author" id={`post-${post.id}-by`}>
          {own ? `${post.author.displayName} (you)` : post.author.displayName}
          <span className="visually-hidden">{opening ? ', started the thread' : ', replied'}</span>
        </span>{' '}
        <time dateTime={post.createdAt} title={fullTime(post.createdAt)}>
          {when}
        </time>
        {post.editedAt ? <span className="post__edited"> · edited</span> : null}
      </header>
      {/* Resources first: when screening sends them they matter more than anything else on the page. */}
      {own && post.status !== 'PENDING' && post.status !== 'DELETED' && afterOwnPost ? afterOwnPost(post.id) : null}
      {own ? <PostState post={post} /> : null}
      {post.quotedPost ? <QuotedPost quoted={post.quotedPost} /> : null}
      {post.body !== null && post.body !== undefined ? (
        // Sanitized by the server (formatting tags only, no attributes); the CSP forbids inline script regardless.
        <div className="post__body" dangerouslySetInnerHTML={{ __html: post.body }} />
      ) : null}
      <PostSupport post={post} viewerId={viewerId} when={when} />
      {own && post.status !== 'DELETED' ? (
        <ul className="post__actions">
          <li>
            <Link href={`/posts/${post.id}/edit`}>
              Edit<span className="visually-hidden"> your post from {when}</span>
            </Link>
          </li>
          <li>
            <Link href={`/posts/${post.id}/delete`}>
              Delete<span className="visually-hidden"> your post from {when}</span>
            </Link>
          </li>
        </ul>
      ) : null}
    </article>
  );
}
