import type { PostSupportFieldsFragment } from '../../../lib/gql/graphql';
import { excerptOf } from '../reactions';

/** The post a reply quotes, as the server returns it (only while the reader may see it): who wrote it and their words. */
export function QuotedPost({ quoted }: { quoted: NonNullable<PostSupportFieldsFragment['quotedPost']> }) {
  return (
    <figure className="quote">
      <figcaption className="quote__caption">
        Quoting <strong>{quoted.author.displayName}</strong>
      </figcaption>
      <blockquote className="quote__text">
        <p>{quoted.body ? excerptOf(quoted.body) : 'This post is no longer available.'}</p>
      </blockquote>
    </figure>
  );
}

/** The quote chosen for a reply being written, with a way to take it out. */
export function QuoteInReply({ authorName, excerpt, onRemove }: { authorName: string; excerpt: string; onRemove: () => void }) {
  return (
    <div className="quote quote--draft">
      <p className="quote__caption" id="reply-quote-caption">
        Your reply will quote <strong>{authorName}</strong>
      </p>
      <blockquote className="quote__text" aria-labelledby="reply-quote-caption">
        <p>{excerpt}</p>
      </blockquote>
      <button type="button" className="button button--secondary button--small" onClick={onRemove}>
        Remove the quote
      </button>
    </div>
  );
}
