import { useEffect, useRef } from 'react';
import { useAnnounce } from '../../../components/announcer';
import type { PostFieldsFragment } from '../../../lib/gql/graphql';
import { firstTimeTold, wasSentHere } from '../recently-sent';

/**
 * The author's view of their own post's real state, from the server, updated live. A polite live
 * region that exists before the state changes, so "Posted" or "Held" is read out when it comes.
 * A region is not read when it appears with its text, though: a post sent from this tab whose
 * state is already decided when it first shows (a thread just started, its page new; a reply
 * screened before the list showed it) is said through the app's announcer instead, once.
 */
export function PostState({ post }: { post: PostFieldsFragment }) {
  // "Posted" is news only to someone who saw it being checked, or sent it from this tab.
  const sawPending = useRef(false);
  if (post.status === 'PENDING' || wasSentHere(post.id)) sawPending.current = true;
  const region = useRef<HTMLDivElement>(null);
  const mounted = useRef(false);
  const announce = useAnnounce();
  useEffect(() => {
    const appeared = !mounted.current;
    mounted.current = true;
    // Still being checked: the form that sent it said so. Changed while shown: the region says it.
    const decided = post.status === 'PUBLISHED' || post.status === 'HELD' || post.status === 'REMOVED';
    if (!decided || !firstTimeTold(post.id, post.revision, post.status) || !appeared) return;
    const words = region.current?.innerText.replace(/\s+/g, ' ').trim();
    if (words) announce(words);
  }, [post.id, post.revision, post.status, announce]);
  return (
    <div className="post-state" role="status" aria-live="polite" ref={region}>
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
