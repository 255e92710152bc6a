import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../../components/button';
import { ErrorSummary, type FieldError } from '../../../../components/error-summary';
import { Loading } from '../../../../components/loading';
import { LoadProblem } from '../../../../components/problem';
import { TextField } from '../../../../components/text-field';
import type { MemberStatus, Role } from '../../../../lib/gql/graphql';
import { ConfirmPanel } from '../../components/confirm-panel';
import { AdminTable } from '../../components/admin-table';
import { StatusMessage } from '../../components/status-message';
import { failureText, notDone } from '../../../../lib/failure-text';
import {
  AdminMemberInvitesQuery,
  AdminMembersQuery,
  DischargeMemberMutation,
  EraseMemberMutation,
  InviteMemberMutation,
  RevokeInviteMutation,
} from '../api/members';

const PAGE = 50;
const REFRESH = { requestPolicy: 'network-only' as const, additionalTypenames: ['MemberListing', 'MemberInvite'] };
const ROLE_LABEL: Record<Role, string> = { ADMIN: 'Admin', CLIENT: 'Client', CLINICIAN: 'Clinician', PEER_SPECIALIST: 'Peer specialist' };
const STATUS_LABEL: Record<MemberStatus, string> = {
  ACTIVE: 'Active',
  DISCHARGED: 'Discharged: access ended, posts stay',
  ERASED: 'Erased: their writing removed',
};
const SEARCH = 'members-search';
const STATUS = 'members-status';
const INVITE_SUB = 'invite-sub';
const INVITE_ROLE = 'invite-role';
const ERASE_NAME = 'erase-name';

type Pending = { kind: 'discharge' | 'erase'; id: string; name: string };
const dateOf = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** Members with search and status in words, the join rule, invites while INVITED, and discharge / erase behind confirm steps. */
export function Members() {
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<MemberStatus | ''>('');
  const [filter, setFilter] = useState<{ search?: string; status?: MemberStatus }>({});
  const [after, setAfter] = useState<string | null>(null);
  const [result, reexecute] = useQuery({ query: AdminMembersQuery, variables: { filter, first: PAGE, after } });
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [typed, setTyped] = useState('');
  const [eraseErrors, setEraseErrors] = useState<FieldError[]>([]);
  const [{ fetching: discharging }, discharge] = useMutation(DischargeMemberMutation);
  const [{ fetching: erasing }, erase] = useMutation(EraseMemberMutation);

  const applySearch = (event: FormEvent) => {
    event.preventDefault();
    setAfter(null);
    setFilter({ search: search.trim() || undefined, status: statusFilter || undefined });
  };

  const open = (next: Pending) => {
    setPending(next);
    setTyped('');
    setEraseErrors([]);
  };

  const confirmDischarge = async (p: Pending) => {
    const res = await discharge({ memberId: p.id });
    setPending(null);
    setStatus(res.error ? notDone('Not discharged', res.error) : `Discharged ${p.name}. Their access has ended; their posts stay under their pseudonym.`);
    reexecute(REFRESH);
  };

  const confirmErase = async (event: FormEvent, p: Pending) => {
    event.preventDefault();
    // Typing the pseudonym is the guard against erasing the wrong person: it is not undone.
    if (typed.trim() !== p.name) return setEraseErrors([{ fieldId: ERASE_NAME, message: `Type ${p.name} exactly as shown to erase them` }]);
    const res = await erase({ memberId: p.id });
    if (res.error) return setEraseErrors([{ fieldId: ERASE_NAME, message: failureText(res.error) }]);
    setPending(null);
    setStatus(`Erased ${p.name}. Their writing is removed and they show as “Former member”; the audit log keeps that it happened.`);
    reexecute(REFRESH);
  };

  const data = result.data;
  const members = data?.members.edges.map((e) => e.node) ?? [];
  return (
    <>
      <StatusMessage text={status} />
      {data ? (
        <section aria-labelledby="membership-mode-title">
          <h2 id="membership-mode-title">Who may join</h2>
          <p data-testid="membership-mode">
            {data.membershipMode === 'INVITED'
              ? 'Invited only: someone can join only once you have invited their sign-in id.'
              : 'Open: anyone who can sign in with the program’s identity provider can join. Invites are not needed.'}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="members-list-title">
        <h2 id="members-list-title">Members</h2>
        <form className="admin-filters" onSubmit={applySearch} noValidate role="search" aria-label="Find members">
          <div className="admin-filters__fields">
            <TextField id={SEARCH} label="Pseudonym contains" value={search} onChange={setSearch} maxLength={60} />
            <div className="form-group">
              <label className="label" htmlFor={STATUS}>
                Status
              </label>
              <select className="admin-select" id={STATUS} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as MemberStatus | '')}>
                <option value="">Any</option>
                <option value="ACTIVE">Active</option>
                <option value="DISCHARGED">Discharged</option>
                <option value="ERASED">Erased</option>
              </select>
            </div>
          </div>
          <Button type="submit">Find members</Button>
        </form>

        {pending?.kind === 'discharge' ? (
          <ConfirmPanel id="discharge-confirm" title={`Discharge ${pending.name}?`}>
            <p>From now on {pending.name} cannot post or read anything here: every request of theirs is refused and they are signed out.</p>
            <p>What they already wrote stays, under their pseudonym. If they ask for it to be removed, erase them instead.</p>
            <div className="admin-confirm__actions">
              <Button variant="warning" disabled={discharging} onClick={() => void confirmDischarge(pending)}>
                Yes, discharge {pending.name}
              </Button>
              <Button variant="secondary" onClick={() => setPending(null)}>
                Cancel
              </Button>
            </div>
          </ConfirmPanel>
        ) : null}

        {pending?.kind === 'erase' ? (
          <ConfirmPanel id="erase-confirm" title={`Erase ${pending.name}?`}>
            <p>Only at the member’s own request. This cannot be undone:</p>
            <ul>
              <li>the text of everything they wrote is removed, and so is the screening evidence quoting it;</li>
              <li>their pseudonym is replaced with “Former member”;</li>
              <li>their access ends.</li>
            </ul>
            <p>The audit log keeps that the erasure happened and who did it, but not what was removed.</p>
            <form onSubmit={(e) => void confirmErase(e, pending)} noValidate>
              <ErrorSummary errors={eraseErrors} />
              <TextField
                id={ERASE_NAME}
                label={`Type their pseudonym, ${pending.name}, to confirm`}
                value={typed}
                onChange={setTyped}
                error={eraseErrors[0]?.message}
                maxLength={60}
              />
              <div className="admin-confirm__actions">
                <Button type="submit" variant="warning" disabled={erasing}>
                  Erase {pending.name}
                </Button>
                <Button variant="secondary" onClick={() => setPending(null)}>
                  Cancel
                </Button>
              </div>
            </form>
          </ConfirmPanel>
        ) : null}

        {result.fetching && !data ? <Loading what="Loading the members" /> : null}
        {!data && !result.fetching ? <LoadProblem retry={() => reexecute(REFRESH)} /> : null}
        <AdminTable
          labelledBy="members-list-title"
          caption="Members: role, status and when each joined"
          testId="members-table"
          columns={[{ header: 'Pseudonym' }, { header: 'Role' }, { header: 'Status' }, { header: 'Joined' }, { header: 'Actions', hidden: true }]}
          rows={data ? members : undefined}
          rowKey={(m) => m.id}
          empty={<p>No members match.</p>}
          cells={(m) => (
            <>
              <th scope="row">{m.displayName}</th>
              <td>{ROLE_LABEL[m.role]}</td>
              <td>{STATUS_LABEL[m.status]}</td>
              <td>{dateOf(m.joinedAt)}</td>
              <td>
                <div className="admin-confirm__actions">
                  {m.status === 'ACTIVE' ? (
                    <Button variant="secondary" onClick={() => open({ kind: 'discharge', id: m.id, name: m.displayName })}>
                      Discharge<span className="visually-hidden"> {m.displayName}</span>
                    </Button>
                  ) : null}
                  {m.status !== 'ERASED' ? (
                    <Button variant="secondary" onClick={() => open({ kind: 'erase', id: m.id, name: m.displayName })}>
                      Erase<span className="visually-hidden"> {m.displayName}</span>
                    </Button>
                  ) : null}
                </div>
              </td>
            </>
          )}
        />
        {data?.members.pageInfo.hasNextPage || after ? (
          <div className="admin-confirm__actions">
            {after ? (
              <Button variant="secondary" onClick={() => setAfter(null)}>
                Back to the newest
              </Button>
            ) : null}
            {data?.members.pageInfo.hasNextPage ? (
              <Button variant="secondary" onClick={() => setAfter(data.members.pageInfo.endCursor ?? null)}>
                Show the next {PAGE}
              </Button>
            ) : null}
          </div>
        ) : null}
      </section>

      {data?.membershipMode === 'INVITED' ? <Invites onStatus={setStatus} /> : null}
    </>
  );
}

/** The invite list and the invite form: only meaningful while membership is by invitation. */
function Invites({ onStatus }: { onStatus: (text: string) => void }) {
  const [result, reexecute] = useQuery({ query: AdminMemberInvitesQuery, variables: { first: 100 } });
  const [{ fetching: inviting }, invite] = useMutation(InviteMemberMutation);
  const [{ fetching: revoking }, revoke] = useMutation(RevokeInviteMutation);
  const [sub, setSub] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [errors, setErrors] = useState<FieldError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sub.trim() === '') return setErrors([{ fieldId: INVITE_SUB, message: 'Enter the sign-in id (subject) to invite' }]);
    setErrors([]);
    const res = await invite({ sub: sub.trim(), role: role || null });
    if (res.error) return setErrors([{ fieldId: INVITE_SUB, message: failureText(res.error) }]);
    onStatus(`Invited ${sub.trim()}${role ? ` as ${ROLE_LABEL[role].toLowerCase()}` : ''}. They can join the next time they sign in.`);
    setSub('');
    reexecute(REFRESH);
  };

  const remove = async (who: string) => {
    const res = await revoke({ sub: who });
    onStatus(res.error ? notDone('Not revoked', res.error) : `Revoked the invite for ${who}. If they already joined, they keep access.`);
    reexecute(REFRESH);
  };

  const invites = result.data?.memberInvites.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      {result.fetching && !result.data ? <Loading what="Loading the invites" /> : null}
      {!result.data && !result.fetching ? <LoadProblem retry={() => reexecute(REFRESH)} /> : null}
      <AdminTable
        labelledBy="invites-title"
        caption="Invites: who may join, and as what"
        columns={[{ header: 'Sign-in id' }, { header: 'May join as' }, { header: 'Invited' }, { header: 'Revoke', hidden: true }]}
        rows={result.data ? invites : undefined}
        rowKey={(i) => i.sub}
        empty={<p>Nobody is invited yet.</p>}
        cells={(i) => (
          <>
            <th scope="row" className="admin-id">
              {i.sub}
            </th>
            <td>{i.role ? ROLE_LABEL[i.role] : 'Any role'}</td>
            <td>{dateOf(i.invitedAt)}</td>
            <td>
              <Button variant="secondary" disabled={revoking} onClick={() => void remove(i.sub)}>
                Revoke<span className="visually-hidden"> the invite for {i.sub}</span>
              </Button>
            </td>
          </>
        )}
      />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h3>Invite someone</h3>
        <ErrorSummary errors={errors} />
        <TextField
          id={INVITE_SUB}
          label="Sign-in id (subject)"
          hint="The id the identity provider gives them, not their name or email."
          value={sub}
          onChange={setSub}
          error={errors.find((e) => e.fieldId === INVITE_SUB)?.message}
          maxLength={255}
        />
        <div className="form-group">
          <label className="label" htmlFor={INVITE_ROLE}>
            May join as
          </label>
          <select className="admin-select" id={INVITE_ROLE} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">Any role</option>
            {(Object.keys(ROLE_LABEL) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={inviting}>
          Invite
        </Button>
      </form>
    </section>
  );
}
