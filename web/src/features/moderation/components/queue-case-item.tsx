import { Link } from 'wouter';
import type { QueueCaseFieldsFragment } from '../../../lib/gql/graphql';
import { CRISIS_LABEL, PRIORITY_LABEL, REASON_LABEL } from '../case-labels';
import { DueTime } from '../../../components/due-time';

/** One queue row: priority, reasons, crisis level, time to due and who holds the claim, all in words. */
export function QueueCaseItem({ item, viewerId, href }: { item: QueueCaseFieldsFragment; viewerId: string; href: string }) {
  const title = item.post?.thread?.title ?? 'A post no longer in a thread';
  const crisis = item.evidence?.crisisLevel;
  return (
    <li className={`queue-item queue-item--${item.priority.toLowerCase()}`}>
      <h3 className="queue-item__title">
        <Link href={href} className="queue-item__link" data-case-link="">
          <span className={`priority priority--${item.priority.toLowerCase()}`}>{PRIORITY_LABEL[item.priority]}</span>
          <span className="visually-hidden">: </span> {title}
        </Link>
      </h3>
      <p className="queue-item__reasons">
        {item.reasons.map((reason) => REASON_LABEL[reason]).join(' · ')}
        {crisis && crisis !== 'NONE' ? <strong className="queue-item__crisis"> · {CRISIS_LABEL[crisis]}</strong> : null}
        {item.reportCount > 0 ? ` · ${item.reportCount} report${item.reportCount === 1 ? '' : 's'}` : null}
      </p>
      <dl className="queue-item__facts">
        <div>
          <dt>Due</dt>
          <dd>
            <DueTime dueAt={item.dueAt} />
          </dd>
        </div>
        <div>
          <dt>Claim</dt>
          <dd>{item.status === 'CLAIMED' && item.assignee ? (item.assignee.id === viewerId ? 'You' : item.assignee.displayName) : 'Nobody yet'}</dd>
        </div>
        <div>
          <dt>Space</dt>
          <dd>{item.post?.thread?.space.name ?? 'Unknown'}</dd>
        </div>
        <div>
          <dt>Author</dt>
          <dd>{item.author?.displayName ?? 'Unknown'}</dd>
        </div>
      </dl>
    </li>
  );
}
