import { useRef } from 'react';
import type { PostFieldsFragment } from '../../../lib/gql/graphql';
import { wasSentHere } from '../recently-sent';

/**
 * The author's view of their own post's real state, from the server, updated live. A polite live
 * region that exists before the state changes, so "Posted" or "Held" is read out when it comes.
 */
export function PostState({ post }: { post: PostFieldsFragment }) {
  // "Posted" is news only to someone who saw it being checked, or sent it from this tab.
  const sawPending = useRef(false);
  if (post.status === 'PENDING' || wasSentHere(post.id)) sawPending.current = true;
  return (
    <div className="post-state" role="status" aria-live="polite">
      <PostStateText post={post} justSent={sawPending.current} />
    </div>
  );
}

function PostStateText({ post, justSent }: { post: PostFieldsFragment; justSent: boolean }) {
  switch (post.status) {
    case 'PENDING':
      return (
        <div className="inset inset--waiting">
          <p className="inset__label">
            <span className="pulse" aria-hidden="true" />
            Checking your post…
          </p>
          <p>This usually takes a moment. Only you can see it until then.</p>
        </div>
      );
    case 'PUBLISHED':
      return justSent ? (
        <div className="inset inset--success">
          <p className="inset__label inset__label--done">Posted</p>
          <p>Everyone in this space can see it now.</p>
        </div>
      ) : null;
    case 'HELD':
      return (
        <div className="inset inset--held">
          <p className="inset__label">Held for a quick review: a peer specialist will look at it soon</p>
          {post.statusNote ? <p>{post.statusNote}</p> : null}
          <p>Only you and the peer specialists can see it until then.</p>
        </div>
      );
    case 'REMOVED':
      return (
        <div className="inset inset--held">
          <p className="inset__label">Not shown in the group</p>
          {post.statusNote ? <p>{post.statusNote}</p> : null}
        </div>
      );
    case 'DELETED':
      return <p className="hint">You deleted this post.</p>;
  }
}
