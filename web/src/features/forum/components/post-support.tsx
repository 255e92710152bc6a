import { Link } from 'wouter';
import type { PostFieldsFragment } from '../../../lib/gql/graphql';
import { excerptOf } from '../reactions';
import { useQuote } from './quote-context';
import { ReactionBar, ReactionSummary } from './reaction-bar';

/**
 * Under a published post: the supportive reactions, and for someone else's post "Quote" (in the
 * reply being written) and "Report". One's own post shows its reactions in words.
 */
export function PostSupport({ post, viewerId, when }: { post: PostFieldsFragment; viewerId: string; when: string }) {
  const { enabled: canReply, choose } = useQuote();
  if (post.status !== 'PUBLISHED') return null;
  const own = post.author.id === viewerId;
  if (own) return <ReactionSummary reactions={post.reactions} />;
  // Named in full for a screen reader's list of links and buttons; an attribute, so the post's visible text stays the author's name once.
  const whose = `${post.author.displayName}’s post from ${when}`;
  return (
    <>
      <ReactionBar postId={post.id} authorName={post.author.displayName} reactions={post.reactions} viewerReactions={post.viewerReactions} />
      <ul className="post__actions">
        {canReply ? (
          <li>
            <button
              type="button"
              className="link-button"
              aria-label={`Quote ${whose}`}
              onClick={() => choose({ postId: post.id, authorName: post.author.displayName, excerpt: excerptOf(post.body ?? '') })}
            >
              Quote
            </button>
          </li>
        ) : null}
        <li>
          <Link href={`/posts/${post.id}/report`} aria-label={`Report ${whose}`}>
            Report
          </Link>
        </li>
      </ul>
    </>
  );
}
