import { PageHeading } from '../../components/page-heading';
import { SpaceList } from '../../features/forum/components/space-list';
import { usePageTitle } from '../../lib/use-page-title';
import type { Viewer } from '../viewer';

export function HomePage({ viewer }: { viewer: Viewer }) {
  usePageTitle('Spaces');
  return (
    <>
      <PageHeading>Spaces</PageHeading>
      <p className="lead">Hello, {viewer.displayName}. Choose a space to read what others have shared, or to share something yourself.</p>
      <SpaceList />
    </>
  );
}
