import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'wouter';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { StaffAlertsToggle } from '../components/staff-alerts-toggle';
import { usePageTitle } from '../lib/use-page-title';
import './staff.css';
import type { Viewer } from './viewer';

/**
 * The staff workspaces in the app shell. They load as their own chunk (React.lazy), so a client's
 * first load never carries them; the server refuses a client's staff queries regardless (FORBIDDEN).
 */
const ModerationQueuePage = lazy(() => import('./pages/moderation-pages').then((m) => ({ default: m.ModerationQueuePage })));
const ModerationCasePage = lazy(() => import('./pages/moderation-pages').then((m) => ({ default: m.ModerationCasePage })));
const EscalationInboxPage = lazy(() => import('./pages/escalation-pages').then((m) => ({ default: m.EscalationInboxPage })));
const EscalationPage = lazy(() => import('./pages/escalation-pages').then((m) => ({ default: m.EscalationPage })));
const AdminPages = {
  home: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminHomePage }))),
  assignments: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminAssignmentsPage }))),
  'watched-words': lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminWatchedWordsPage }))),
  audit: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminAuditPage }))),
  queues: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminQueuesPage }))),
  roster: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminRosterPage }))),
  spaces: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminSpacesPage }))),
  members: lazy(() => import('./pages/admin-pages').then((m) => ({ default: m.AdminMembersPage }))),
};
export type AdminSection = keyof typeof AdminPages;
const InsightsPage = lazy(() => import('./pages/insights-page').then((m) => ({ default: m.InsightsPage })));

const MODERATORS = new Set(['PEER_SPECIALIST', 'CLINICIAN', 'ADMIN']);

export function canModerate(viewer: Viewer): boolean {
  return MODERATORS.has(viewer.role);
}

/** Clinicians and admins answer escalations (the server allows no one else). */
const CLINICAL = new Set(['CLINICIAN', 'ADMIN']);

export function canAnswerEscalations(viewer: Viewer): boolean {
  return CLINICAL.has(viewer.role);
}

/** Where a member lands after signing in: peer specialists in their queue, clinicians in their inbox, everyone else in the spaces. */
export function homeOf(viewer: Viewer): string {
  if (viewer.role === 'PEER_SPECIALIST') return '/moderation';
  if (viewer.role === 'CLINICIAN') return '/escalations';
  if (viewer.role === 'ADMIN') return '/admin';
  return '/';
}

function NotForYou() {
  usePageTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        <Link href="/">Go to the spaces</Link> or <Link href="/help">get help now</Link>.
      </p>
    </>
  );
}

function Workspace({ viewer, children, allowed = canModerate }: { viewer: Viewer; children: ReactNode; allowed?: (viewer: Viewer) => boolean }) {
  if (!allowed(viewer)) return <NotForYou />;
  return <Suspense fallback={<Loading what="Loading the workspace" />}>{children}</Suspense>;
}

export function ModerationQueueRoute({ viewer }: { viewer: Viewer }) {
  return (
    <Workspace viewer={viewer}>
      <ModerationQueuePage viewer={viewer} />
    </Workspace>
  );
}

export function ModerationCaseRoute({ viewer, caseId }: { viewer: Viewer; caseId: string }) {
  return (
    <Workspace viewer={viewer}>
      <ModerationCasePage viewer={viewer} caseId={caseId} />
    </Workspace>
  );
}

export function InsightsRoute({ viewer }: { viewer: Viewer }) {
  return (
    <Workspace viewer={viewer}>
      <InsightsPage />
    </Workspace>
  );
}

export function EscalationInboxRoute({ viewer }: { viewer: Viewer }) {
  return (
    <Workspace viewer={viewer} allowed={canAnswerEscalations}>
      <EscalationInboxPage viewer={viewer} />
    </Workspace>
  );
}

export function EscalationRoute({ viewer, escalationId }: { viewer: Viewer; escalationId: string }) {
  return (
    <Workspace viewer={viewer} allowed={canAnswerEscalations}>
      <EscalationPage viewer={viewer} escalationId={escalationId} />
    </Workspace>
  );
}

/** The admins' program console; the server refuses everyone else's console queries regardless (FORBIDDEN). */
export function AdminRoute({ viewer, section }: { viewer: Viewer; section: string }) {
  const Page = viewer.role === 'ADMIN' && Object.hasOwn(AdminPages, section) ? AdminPages[section as AdminSection] : null;
  if (!Page) return <NotForYou />;
  return (
    <Suspense fallback={<Loading what="Loading the console" />}>
      <Page />
    </Suspense>
  );
}

/** The header's links to the workspaces, for staff only: a client's header never shows them. */
export function StaffLinks({ viewer }: { viewer: Viewer | null }) {
  if (!viewer || !canModerate(viewer)) return null;
  return (
    <nav aria-label="Staff" className="header__staff">
      {viewer.role === 'ADMIN' ? <Link href="/admin">Program console</Link> : null}
      {canAnswerEscalations(viewer) ? <Link href="/escalations">Escalation inbox</Link> : null}
      <Link href="/moderation">Moderation queue</Link>
      <Link href="/spaces">Spaces</Link>
      <Link href="/insights">Insights</Link>
      <StaffAlertsToggle />
    </nav>
  );
}
