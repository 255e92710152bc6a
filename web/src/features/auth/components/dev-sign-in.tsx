import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { devSignIn, fetchDevMembers, type DevMember, type MemberRole } from '../api/dev-sign-in';
import type { AuthSession } from '../session';

const ROLE_NAMES: Record<MemberRole, string> = {
  CLIENT: 'Client',
  PEER_SPECIALIST: 'Peer specialist',
  CLINICIAN: 'Clinician',
  ADMIN: 'Admin',
};

const FIELD_ID = 'dev-member-0';

/**
 * Development and demo sign-in: choose a demo member. Renders `unavailable` where the server has no
 * development sign-in (production), so the page can offer the program's sign-in instead.
 */
export function DevSignIn({ onSignedIn, unavailable = null }: { onSignedIn: (session: AuthSession) => void; unavailable?: ReactNode }) {
  const [members, setMembers] = useState<DevMember[] | null | undefined>(undefined);
  const [chosen, setChosen] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchDevMembers(controller.signal).then(setMembers, () => {
      if (!controller.signal.aborted) setMembers(null);
    });
    return () => controller.abort();
  }, []);

  if (members === undefined) return <Loading what="Loading the demo members" />;
  if (members === null) return <>{unavailable}</>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setErrors([{ fieldId: FIELD_ID, message: 'Choose who to sign in as' }]);
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await devSignIn(chosen));
    } catch {
      setBusy(false);
      setErrors([{ fieldId: FIELD_ID, message: 'Signing in did not work just now. Try again in a moment.' }]);
    }
  };

  const error = errors[0];
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary errors={errors} />
      <div className={`form-group${error ? ' form-group--error' : ''}`}>
        <fieldset className="fieldset" aria-describedby={`dev-members-hint${error ? ' dev-members-error' : ''}`}>
          <legend className="fieldset__legend">Who do you want to sign in as?</legend>
          <p className="hint" id="dev-members-hint">
            This is a development and demo sign-in. In the program, you sign in with your program account.
          </p>
          {error ? (
            <p className="error-message" id="dev-members-error">
              <span className="visually-hidden">Error:</span> {error.message}
            </p>
          ) : null}
          <div className="radios">
            {members.map((member, index) => (
              <div className="radios__item" key={member.sub}>
                <input
                  className="radios__input"
                  id={`dev-member-${index}`}
                  name="member"
                  type="radio"
                  value={member.sub}
                  checked={chosen === member.sub}
                  onChange={() => setChosen(member.sub)}
                  aria-describedby={`dev-member-${index}-about`}
                />
                <label className="radios__label" htmlFor={`dev-member-${index}`}>
                  {member.displayName} <span className="tag">{ROLE_NAMES[member.role]}</span>
                </label>
                <p className="hint radios__hint" id={`dev-member-${index}-about`}>
                  {member.about}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
