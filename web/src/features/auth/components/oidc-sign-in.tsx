import { useState } from 'react';
import { Button } from '../../../components/button';
import { InsetText } from '../../../components/inset-text';
import type { OidcClient, SignInProblem } from '../oidc-session';

/**
 * Production sign-in: one button to the program's sign-in page (the identity provider), which
 * sends the person straight back here. Says plainly what went wrong last time, if anything.
 */
export function OidcSignIn({ oidc, next, problem }: { oidc: OidcClient; next: string; problem: SignInProblem | null }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const go = () => {
    setBusy(true);
    setFailed(false);
    oidc.signIn(next).catch(() => {
      setBusy(false);
      setFailed(true);
    });
  };

  return (
    <>
      {problem === 'cancelled' ? (
        <InsetText label="Sign-in was cancelled">
          <p>You can sign in whenever you are ready.</p>
        </InsetText>
      ) : null}
      {problem === 'failed' || failed ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Signing in did not work just now</h2>
          <p>Your program&apos;s sign-in page could not be reached or did not finish. Try again in a moment.</p>
        </div>
      ) : null}
      <p>Sign in with your program account. You will go to your program&apos;s sign-in page, then come straight back here.</p>
      <Button onClick={go} disabled={busy}>
        {busy ? 'Going to your program’s sign-in…' : 'Sign in with your program account'}
      </Button>
    </>
  );
}
