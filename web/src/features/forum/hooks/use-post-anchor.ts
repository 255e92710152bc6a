import { useEffect, type RefObject } from 'react';

/**
 * Opened at "#post-<id>" (a notification's link): once the post is on the page, scroll to it and
 * move focus there, so a keyboard or screen reader user starts at the post they came for.
 */
export function usePostAnchor(postId: string, element: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (window.location.hash !== `#post-${postId}`) return undefined;
    const post = element.current;
    if (!post) return undefined;
    // After the shell has focused the page heading for this navigation.
    const timer = window.setTimeout(() => {
      // Marked (outside React's attributes) so a sighted member sees which post they came for.
      post.dataset.anchored = '';
      post.scrollIntoView({ block: 'start' });
      post.focus({ preventScroll: true });
    }, 50);
    return () => {
      window.clearTimeout(timer);
      delete post.dataset.anchored;
    };
  }, [postId, element]);
}
