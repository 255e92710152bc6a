import { useMutation, useQuery } from 'urql';
import { MarkNoticeReadMutation, SupportNoticesQuery } from '../api/crisis-resources';

const RESOURCE_KINDS = new Set(['CRISIS_RESOURCES', 'SUPPORTIVE_RESOURCES']);

export interface SupportNotice {
  id: string;
  kind: 'CRISIS_RESOURCES' | 'SUPPORTIVE_RESOURCES';
  title: string;
  body: string;
}

/**
 * The unread crisis or supportive resources screening sent about one of the author's posts. One
 * query serves every post on the page; the post-changed subscription refreshes it.
 */
export function useSupportNotice(postId: string, enabled: boolean): { notice: SupportNotice | null; acknowledge(): void } {
  const [{ data }] = useQuery({ query: SupportNoticesQuery, pause: !enabled, requestPolicy: 'cache-and-network' });
  const [, markRead] = useMutation(MarkNoticeReadMutation);
  const node = data?.notifications.edges.map((edge) => edge.node).find((n) => n.postId === postId && RESOURCE_KINDS.has(n.kind) && !n.readAt);
  const notice = node ? { id: node.id, kind: node.kind as SupportNotice['kind'], title: node.title, body: node.body } : null;
  return {
    notice,
    acknowledge: () => {
      if (node) void markRead({ id: node.id }, { additionalTypenames: ['Notification'] });
    },
  };
}
