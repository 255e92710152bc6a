import { useSearch } from 'wouter';
import { PageHeading } from '../../components/page-heading';
import { CaseView } from '../../features/moderation/components/case-view';
import { ModerationQueue } from '../../features/moderation/components/moderation-queue';
import '../../features/moderation/moderation.css';
import '../../styles/workspace.css';
import { usePageTitle } from '../../lib/use-page-title';
import type { Viewer } from '../viewer';

/** Loaded lazily (see staff.tsx): the moderation workspace and its styles are their own chunk. */
export function ModerationQueuePage({ viewer }: { viewer: Viewer }) {
  usePageTitle('Moderation queue');
  return (
    <div className="workspace">
      <PageHeading caption="Your spaces">Moderation queue</PageHeading>
      <ModerationQueue viewerId={viewer.id} />
    </div>
  );
}

export function ModerationCasePage({ viewer, caseId }: { viewer: Viewer; caseId: string }) {
  const search = useSearch();
  return (
    <div className="workspace">
      <CaseView key={caseId} caseId={caseId} viewerId={viewer.id} search={search} />
    </div>
  );
}
