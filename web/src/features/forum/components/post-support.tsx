import { Link } from 'wouter';
import type { PostFieldsFragment } from '../../../lib/gql/graphql';
import { excerptOf } from '../reactions';
import { useQuote } from './quote-context';
import { ReactionBar, ReactionSummary } from './reaction-bar';

/**
 * Under a published post: the supportive reactions, and for someone else's post "Quote in your
 * reply" and "Report". One's own post shows its reactions in words.
 */
export function PostSupport({ post, viewerId, when }: { post: PostFieldsFragment; viewerId: string; when: string }) {
  const { enabled: canReply, choose } = useQuote();
  if (post.status !== 'PUBLISHED') return null;
  const own = post.author.id === viewerId;
  if (own) return <ReactionSummary reactions={post.reactions} />;
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
              onClick={() => choose({ postId: post.id, authorName: post.author.displayName, excerpt: excerptOf(post.body ?? '') })}
            >
              Quote in your reply<span className="visually-hidden">: {whose}</span>
            </button>
          </li>
        ) : null}
        <li>
          <Link href={`/posts/${post.id}/report`}>
            Report<span className="visually-hidden"> {whose}</span>
          </Link>
        </li>
      </ul>
    </>
  );
}
