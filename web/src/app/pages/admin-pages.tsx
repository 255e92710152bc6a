import type { ReactNode } from 'react';
import { PageHeading } from '../../components/page-heading';
import { AdminNav, AdminOverview } from '../../features/admin/components/admin-nav';
import { Assignments } from '../../features/admin/components/assignments';
import { AuditLog } from '../../features/admin/components/audit-log';
import { QueueHealth } from '../../features/admin/components/queue-health';
import { ScreeningPreview } from '../../features/admin/components/screening-preview';
import { WatchedWords } from '../../features/admin/components/watched-words';
import { Roster } from '../../features/admin/roster/components/roster';
import { Members } from '../../features/admin/members/components/members';
import { Spaces } from '../../features/admin/spaces/components/spaces';
import '../../features/admin/admin.css';
import { usePageTitle } from '../../lib/use-page-title';

/** Loaded lazily (see staff.tsx): the program console and its styles are their own chunk. */
function ConsolePage({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  usePageTitle(title === 'Program console' ? title : `${title}: program console`);
  return (
    <div className="admin-console">
      <PageHeading caption="Program console">{title}</PageHeading>
      <AdminNav />
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}

export function AdminHomePage() {
  return (
    <ConsolePage title="Program console" lead="Set up who moderates what, what screening watches for, and check that it all keeps up.">
      <AdminOverview />
    </ConsolePage>
  );
}

export function AdminAssignmentsPage() {
  return (
    <ConsolePage title="Assignments" lead="Peer specialists see the held posts and cases of the spaces they look after, and only those.">
      <Assignments />
    </ConsolePage>
  );
}

export function AdminWatchedWordsPage() {
  return (
    <ConsolePage title="Watched words" lead="A post with a watched word is held for a peer specialist, or shared and flagged for one.">
      <WatchedWords />
      <ScreeningPreview />
    </ConsolePage>
  );
}

export function AdminAuditPage() {
  return (
    <ConsolePage title="Audit log" lead="Everything staff read or changed, and what screening decided. Nothing here can be edited or deleted.">
      <AuditLog />
    </ConsolePage>
  );
}

export function AdminQueuesPage() {
  return (
    <ConsolePage title="Queue health" lead="Whether screening, paging and the regular checks keep up.">
      <QueueHealth />
    </ConsolePage>
  );
}

export function AdminRosterPage() {
  return (
    <ConsolePage title="On-call roster" lead="Who is paged first (primary) and next (backup) when a post signals risk.">
      <Roster />
    </ConsolePage>
  );
}

export function AdminSpacesPage() {
  return (
    <ConsolePage title="Spaces" lead="The topic spaces clients read and post in: create one, change who sees one, or archive one that has run its course.">
      <Spaces />
    </ConsolePage>
  );
}

export function AdminMembersPage() {
  return (
    <ConsolePage title="Members" lead="Everyone who has joined, who may join, and ending someone’s access when their time in the program is over.">
      <Members />
    </ConsolePage>
  );
}
