import type { ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { Loading } from '../components/loading';
import { useAuth } from '../features/auth/hooks/auth-provider';
import { AccountPage } from './pages/account-page';
import { CrisisPage } from './pages/crisis-page';
import { DeletePostPage, EditPostPage } from './pages/post-pages';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { NotificationsPage } from './pages/notifications-page';
import { SignInPage } from './pages/sign-in-page';
import { NewThreadPage, SpacePage } from './pages/space-pages';
import { PostLinkPage, ReportPostPage } from './pages/support-pages';
import { ThreadPage } from './pages/thread-page';
import { AdminRoute, EscalationInboxRoute, EscalationRoute, homeOf, InsightsRoute, ModerationCaseRoute, ModerationQueueRoute } from './staff';
import { useViewer, type Viewer } from './viewer';

/** A page for signed-in members: others go to sign in and come back here after. */
function SignedIn({ children }: { children: (viewer: Viewer) => ReactNode }) {
  const { session } = useAuth();
  const { viewer, loading } = useViewer();
  const [location] = useLocation();
  if (!session) return <Redirect to={`/sign-in?next=${encodeURIComponent(location)}`} replace />;
  if (loading || !viewer) return <Loading what="Signing you in" />;
  return <>{children(viewer)}</>;
}

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/help" component={CrisisPage} />
      <Route path="/">
        {() => <SignedIn>{(viewer) => (homeOf(viewer) === '/' ? <HomePage viewer={viewer} /> : <Redirect to={homeOf(viewer)} replace />)}</SignedIn>}
      </Route>
      <Route path="/spaces">{() => <SignedIn>{(viewer) => <HomePage viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/moderation">{() => <SignedIn>{(viewer) => <ModerationQueueRoute viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/moderation/cases/:caseId">
        {(params) => <SignedIn>{(viewer) => <ModerationCaseRoute viewer={viewer} caseId={params.caseId} />}</SignedIn>}
      </Route>
      <Route path="/escalations">{() => <SignedIn>{(viewer) => <EscalationInboxRoute viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/escalations/:escalationId">
        {(params) => <SignedIn>{(viewer) => <EscalationRoute viewer={viewer} escalationId={params.escalationId} />}</SignedIn>}
      </Route>
      <Route path="/admin">{() => <SignedIn>{(viewer) => <AdminRoute viewer={viewer} section="home" />}</SignedIn>}</Route>
      <Route path="/admin/:section">{(params) => <SignedIn>{(viewer) => <AdminRoute viewer={viewer} section={params.section} />}</SignedIn>}</Route>
      <Route path="/insights">{() => <SignedIn>{(viewer) => <InsightsRoute viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/spaces/:spaceId/new">{(params) => <SignedIn>{(viewer) => <NewThreadPage spaceId={params.spaceId} viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/spaces/:spaceId">{(params) => <SignedIn>{(viewer) => <SpacePage spaceId={params.spaceId} viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/threads/:threadId">{(params) => <SignedIn>{(viewer) => <ThreadPage threadId={params.threadId} viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/posts/:postId/edit">{(params) => <SignedIn>{(viewer) => <EditPostPage postId={params.postId} viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/posts/:postId/delete">{(params) => <SignedIn>{(viewer) => <DeletePostPage postId={params.postId} viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/posts/:postId/report">{(params) => <SignedIn>{(viewer) => <ReportPostPage postId={params.postId} viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/posts/:postId">{(params) => <SignedIn>{() => <PostLinkPage postId={params.postId} />}</SignedIn>}</Route>
      <Route path="/account">{() => <SignedIn>{(viewer) => <AccountPage viewer={viewer} />}</SignedIn>}</Route>
      <Route path="/notifications">{() => <SignedIn>{() => <NotificationsPage />}</SignedIn>}</Route>
      <Route component={NotFoundPage} />
    </Switch>
  );
}
