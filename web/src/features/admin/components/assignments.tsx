import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../components/button';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { AssignmentsQuery, AssignPeerMutation, UnassignPeerMutation } from '../api/admin';
import { notDone } from '../../../lib/failure-text';
import { StatusMessage } from './status-message';

const REFRESH = { additionalTypenames: ['PeerSpecialistAssignment'] };

/**
 * Which peer specialist looks after which space: they see the held posts and cases of their
 * spaces only. A peer with no space looks after every space that has none of its own.
 */
export function Assignments() {
  const [result, reexecute] = useQuery({ query: AssignmentsQuery });
  const [{ fetching: assigning }, assign] = useMutation(AssignPeerMutation);
  const [{ fetching: unassigning }, unassign] = useMutation(UnassignPeerMutation);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const refetch = () => reexecute({ requestPolicy: 'network-only', ...REFRESH });

  if (result.fetching && !result.data) return <Loading what="Loading the assignments" />;
  if (!result.data) return <LoadProblem retry={refetch} />;
  const spaces = result.data.spaces;
  const nameOf = (id: string) => spaces.find((s) => s.id === id)?.name ?? 'A space you cannot see';
  const peers = result.data.peerSpecialistAssignments;

  const doAssign = async (memberId: string, displayName: string) => {
    const spaceId = choice[memberId];
    if (!spaceId) return setStatus(`Choose a space for ${displayName} first.`);
    const res = await assign({ spaceId, memberId });
    if (res.error) return setStatus(notDone('Not assigned', res.error));
    setStatus(`${displayName} now looks after ${nameOf(spaceId)}.`);
    setChoice((c) => ({ ...c, [memberId]: '' }));
    refetch();
  };
  const doUnassign = async (memberId: string, displayName: string, spaceId: string) => {
    const res = await unassign({ spaceId, memberId });
    if (res.error) return setStatus(notDone('Not removed', res.error));
    setStatus(`${displayName} no longer looks after ${nameOf(spaceId)}.`);
    refetch();
  };

  return (
    <>
      <StatusMessage text={status} />
      {peers.length === 0 ? <p>There are no peer specialists yet. They appear here after they first sign in.</p> : null}
      <ul className="admin-cards">
        {peers.map((peer) => {
          const free = spaces.filter((s) => !peer.spaceIds.includes(s.id));
          const selectId = `assign-${peer.memberId}`;
          return (
            <li key={peer.memberId} className="admin-card">
              <h2 className="admin-card__title">{peer.displayName}</h2>
              {peer.spaceIds.length === 0 ? (
                <p>Not assigned to a space: sees the cases of every space that has no peer specialist of its own.</p>
              ) : (
                <ul className="admin-chips" aria-label={`Spaces ${peer.displayName} looks after`}>
                  {peer.spaceIds.map((spaceId) => (
                    <li key={spaceId} className="admin-chip">
                      <span>{nameOf(spaceId)}</span>
                      <Button variant="secondary" disabled={unassigning} onClick={() => void doUnassign(peer.memberId, peer.displayName, spaceId)}>
                        Remove
                        <span className="visually-hidden">
                          {' '}
                          {peer.displayName} from {nameOf(spaceId)}
                        </span>
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              {free.length > 0 ? (
                <form
                  className="admin-inline-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void doAssign(peer.memberId, peer.displayName);
                  }}
                >
                  <label className="label" htmlFor={selectId}>
                    Assign {peer.displayName} to a space
                  </label>
                  <select
                    className="admin-select"
                    id={selectId}
                    value={choice[peer.memberId] ?? ''}
                    onChange={(e) => setChoice((c) => ({ ...c, [peer.memberId]: e.target.value }))}
                  >
                    <option value="">Choose a space</option>
                    {free.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                  <Button type="submit" disabled={assigning}>
                    Assign<span className="visually-hidden"> {peer.displayName}</span>
                  </Button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
