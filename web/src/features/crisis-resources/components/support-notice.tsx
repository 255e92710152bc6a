import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { useSupportNotice } from '../hooks/use-support-notice';
import { CallList } from './call-list';
import { ResourceText } from './resource-text';

/**
 * Shown at once beside the author's own post when screening sends them crisis or supportive
 * resources: kind words, a number to tap, and that their care team will reach out. It takes focus
 * when it appears so a screen reader reads it first; it stays until the person says they have read it.
 */
export function SupportNoticePanel({ postId, enabled, helpHref }: { postId: string; enabled: boolean; helpHref: string }) {
  const { notice, acknowledge } = useSupportNotice(postId, enabled);
  const heading = useRef<HTMLHeadingElement>(null);
  const noticeId = notice?.id;
  useEffect(() => {
    if (noticeId) heading.current?.focus();
  }, [noticeId]);
  if (!notice) return null;
  return (
    <section className="support-notice" aria-labelledby={`support-${notice.id}`}>
      <h2 className="support-notice__title" id={`support-${notice.id}`} ref={heading} tabIndex={-1}>
        {notice.title}
      </h2>
      <p>
        <ResourceText text={notice.body} />
      </p>
      <CallList text={notice.body} />
      <p>
        {/* The server's note usually says who will reach out; say it here only where it does not. */}
        {/care team|peer specialist/i.test(notice.body)
          ? null
          : `${notice.kind === 'CRISIS_RESOURCES' ? 'Your care team will reach out to you soon.' : 'A peer specialist will check in with you.'} `}
        <Link href={helpHref}>More ways to get help now</Link>
      </p>
      <button type="button" className="button button--secondary" onClick={acknowledge}>
        Thank you, I have read this
      </button>
    </section>
  );
}
