import { Link, useLocation, useSearch } from 'wouter';
import { InsetText } from '../../components/inset-text';
import { PageHeading } from '../../components/page-heading';
import { DevSignIn } from '../../features/auth/components/dev-sign-in';
import { OidcSignIn } from '../../features/auth/components/oidc-sign-in';
import { useAuth } from '../../features/auth/hooks/auth-provider';
import { usePageTitle } from '../../lib/use-page-title';

/** Only paths inside the app: `next` comes from the address bar, so never an address elsewhere. */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const { signIn, ended, method } = useAuth();
  const [, navigate] = useLocation();
  const search = useSearch();
  return (
    <>
      <PageHeading>Sign in</PageHeading>
      {ended === 'expired' ? (
        <InsetText label="Your session ended">
          <p>For your privacy we sign you out after a while. Sign in again to carry on: anything you were writing is still saved on this device.</p>
        </InsetText>
      ) : null}
      {ended === 'access-ended' ? (
        <InsetText label="Your access has ended">
          <p>
            Your program has ended your access to Between Sessions. What you wrote stays, under your pseudonym. If you think this is a mistake, please contact
            your program. If you need to talk to someone now, <Link href="/help">get help now</Link>.
          </p>
        </InsetText>
      ) : null}
      {ended === 'not-invited' ? (
        <InsetText label="You have not been invited yet">
          <p>
            Between Sessions is open to invited members only, and this sign-in has no invitation. Ask your program team to invite you, then sign in again. If
            you need to talk to someone now, <Link href="/help">get help now</Link>.
          </p>
        </InsetText>
      ) : null}
      {ended === 'signed-out' ? (
        <InsetText label="You have signed out">
          <p>Nothing you were writing is kept on this device.</p>
        </InsetText>
      ) : null}
      {method.oidc ? (
        <OidcSignIn oidc={method.oidc} next={safeNext(search)} problem={method.problem} />
      ) : method.config?.method === 'none' ? (
        <p>Sign-in is not set up on this server yet. Ask your program how to reach Between Sessions.</p>
      ) : (
        <DevSignIn
          onSignedIn={(session) => {
            signIn(session);
            navigate(safeNext(search), { replace: true });
          }}
          unavailable={<p>Sign in with your program account. Ask your program if you do not have one yet.</p>}
        />
      )}
    </>
  );
}
