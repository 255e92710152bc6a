import { Link, useLocation, useSearch } from 'wouter';
import { PageHeading } from '../../components/page-heading';
import { NewThreadForm } from '../../features/forum/components/new-thread-form';
import { useSpaceName } from '../../features/forum/components/space-list';
import { ThreadList } from '../../features/forum/components/thread-list';
import { usePageTitle } from '../../lib/use-page-title';
import type { Viewer } from '../viewer';

export function SpacePage({ spaceId, viewer }: { spaceId: string; viewer: Viewer }) {
  const name = useSpaceName(spaceId) ?? 'Space';
  const deleted = new URLSearchParams(useSearch()).has('deleted');
  usePageTitle(name);
  return (
    <>
      {deleted ? (
        <div className="inset inset--success" role="status">
          <p className="inset__label">Your thread was deleted.</p>
        </div>
      ) : null}
      <p className="back-link-wrap">
        <Link href="/" className="back-link">
          All spaces
        </Link>
      </p>
      <PageHeading caption="Space">{name}</PageHeading>
      <p>
        <Link href={`/spaces/${spaceId}/new`} className="button button--start">
          Start a new thread
        </Link>
      </p>
      <h2>Threads</h2>
      <ThreadList key={spaceId} spaceId={spaceId} viewerId={viewer.id} />
    </>
  );
}

export function NewThreadPage({ spaceId, viewer }: { spaceId: string; viewer: Viewer }) {
  const name = useSpaceName(spaceId) ?? 'this space';
  const [, navigate] = useLocation();
  usePageTitle('Start a new thread');
  return (
    <>
      <p className="back-link-wrap">
        <Link href={`/spaces/${spaceId}`} className="back-link">
          Back to {name}
        </Link>
      </p>
      <PageHeading caption={name}>Start a new thread</PageHeading>
      <NewThreadForm key={spaceId} spaceId={spaceId} viewerId={viewer.id} onCreated={(threadId) => navigate(`/threads/${threadId}`)} />
    </>
  );
}
