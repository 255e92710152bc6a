import { useSearch } from 'wouter';
import { PageHeading } from '../../components/page-heading';
import { EscalationInbox, ResolvedEscalations } from '../../features/escalations/components/escalation-inbox';
import { EscalationView } from '../../features/escalations/components/escalation-view';
import '../../features/escalations/escalations.css';
import '../../styles/workspace.css';
import { usePageTitle } from '../../lib/use-page-title';
import type { Viewer } from '../viewer';

/** Loaded lazily (see staff.tsx): the escalation inbox and its styles are their own chunk, uPlot another. */
export function EscalationInboxPage({ viewer }: { viewer: Viewer }) {
  const resolved = new URLSearchParams(useSearch()).get('show') === 'resolved';
  usePageTitle(resolved ? 'Resolved escalations' : 'Escalation inbox');
  return (
    <div className="workspace">
      <PageHeading caption="Clinicians">{resolved ? 'Resolved escalations' : 'Escalation inbox'}</PageHeading>
      {resolved ? <ResolvedEscalations viewerId={viewer.id} /> : <EscalationInbox viewerId={viewer.id} />}
    </div>
  );
}

export function EscalationPage({ viewer, escalationId }: { viewer: Viewer; escalationId: string }) {
  return (
    <div className="workspace">
      <EscalationView key={escalationId} escalationId={escalationId} viewerId={viewer.id} />
    </div>
  );
}
