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
  const mounted = useRef(false);
  const announce = useAnnounce();
  const hasNote = Boolean(post.statusNote);
  useEffect(() => {
    const appeared = !mounted.current;
    mounted.current = true;
    // Still being checked: the form that sent it said so. Changed while shown: the region says it.
    const words = announcedWords(post.status, hasNote);
    if (!words || !firstTimeTold(post.id, post.revision, post.status) || !appeared) return;
    announce(words);
  }, [post.id, post.revision, post.status, hasNote, announce]);
  return (
    <div className="post-state" role="status" aria-live="polite">
      <PostStateText post={post} justSent={sawPending.current} />
    </div>
  );
}

/**
 * What the announcer says of a decided state: the news in a sentence, pointing to the note that is
 * with the post (read on from the heading, the post and its note come next) rather than saying it
 * twice. Worded apart from the state's own label, so the page holds each text once.
 */
function announcedWords(status: PostFieldsFragment['status'], hasNote: boolean): string | null {
  const note = hasNote ? ' There is a note for you with it.' : '';
  switch (status) {
    case 'PUBLISHED':
      return 'Your post is shared with the group now.';
    case 'HELD':
      return `Your post is held for a quick review before the group sees it.${note}`;
    case 'REMOVED':
      return `A peer specialist has taken your post out of the group.${note}`;
    case 'PENDING':
    case 'DELETED':
      return null;
  }
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
