import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../../components/button';
import { ErrorSummary, type FieldError } from '../../../../components/error-summary';
import { Loading } from '../../../../components/loading';
import { LoadProblem } from '../../../../components/problem';
import { AdminTable } from '../../components/admin-table';
import { ConfirmPanel } from '../../components/confirm-panel';
import { StatusMessage } from '../../components/status-message';
import { failureText, notDone } from '../../../../lib/failure-text';
import { EditSpace } from './edit-space';
import { SpaceFields, type SpaceFieldIds, type SpaceFieldValues } from './space-fields';
import { AdminSpacesQuery, ArchiveSpaceMutation, CreateSpaceMutation } from '../api/spaces';

const REFRESH = { requestPolicy: 'network-only' as const, additionalTypenames: ['Space'] };
const NAME = 'space-name';
const FIELD_IDS: SpaceFieldIds = { name: NAME, description: 'space-description', cohort: 'space-cohort' };
const NO_FIELDS: SpaceFieldValues = { name: '', description: '', cohort: '' };

/** Every space with its state in words, a form to add one, editing in place, and archive behind a confirm step. */
export function Spaces() {
  const [result, reexecute] = useQuery({ query: AdminSpacesQuery });
  const [{ fetching: creating }, createSpace] = useMutation(CreateSpaceMutation);
  const [{ fetching: archiving }, archiveSpace] = useMutation(ArchiveSpaceMutation);
  const [fields, setFields] = useState(NO_FIELDS);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  // The space whose archive is awaiting confirmation: archiving cannot be undone from here.
  const [confirming, setConfirming] = useState<string | null>(null);
  // The space being edited, and the row button to give focus back to when the edit closes.
  const [editing, setEditing] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());

  const startEdit = (id: string) => {
    setConfirming(null);
    setErrors([]);
    setEditing(id);
  };

  const finishEdit = (id: string, done: string | null) => {
    setEditing(null);
    if (done) {
      setStatus(done);
      reexecute(REFRESH);
    }
    editButtons.current.get(id)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { name, description, cohort } = fields;
    if (name.trim() === '') return setErrors([{ fieldId: NAME, message: 'Enter a name for the space' }]);
    setErrors([]);
    const input = { name: name.trim(), description: description.trim(), cohort: cohort.trim() === '' ? null : cohort.trim() };
    const res = await createSpace({ input });
    if (res.error) return setErrors([{ fieldId: NAME, message: failureText(res.error) }]);
    setStatus(
      `Created “${res.data?.createSpace.name ?? input.name}”. ${input.cohort ? `Clients in cohort ${input.cohort} see it now.` : 'Every client sees it now.'}`,
    );
    setFields(NO_FIELDS);
    reexecute(REFRESH);
  };

  const archive = async (id: string, spaceName: string) => {
    const res = await archiveSpace({ id });
    setConfirming(null);
    setStatus(res.error ? notDone('Not archived', res.error) : `Archived “${spaceName}”. It is read-only and hidden from clients’ lists.`);
    reexecute(REFRESH);
  };

  const fieldError = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const spaces = result.data?.spaces ?? [];
  const pending = spaces.find((s) => s.id === confirming && !s.archived);
  const edited = spaces.find((s) => s.id === editing);
  return (
    <>
      <StatusMessage text={status} />
      <section aria-labelledby="spaces-list-title">
        <h2 id="spaces-list-title">All spaces</h2>
        {result.fetching && !result.data ? <Loading what="Loading the spaces" /> : null}
        {!result.data && !result.fetching ? <LoadProblem retry={() => reexecute(REFRESH)} /> : null}
        <AdminTable
          labelledBy="spaces-list-title"
          caption="All spaces: who sees each, and whether it is open"
          testId="spaces-table"
          columns={[{ header: 'Space' }, { header: 'Who sees it' }, { header: 'State' }, { header: 'Actions', hidden: true }]}
          rows={result.data ? spaces : undefined}
          rowKey={(s) => s.id}
          empty={<p>There are no spaces yet.</p>}
          cells={(s) => (
            <>
              <th scope="row">
                {s.name}
                {s.description ? <span className="hint admin-cell-hint">{s.description}</span> : null}
              </th>
              <td>{s.cohort ? `Clients in cohort ${s.cohort}` : 'Every client'}</td>
              <td>{s.archived ? 'Archived: read-only, hidden from clients’ lists' : 'Open'}</td>
              <td>
                <div className="admin-confirm__actions">
                  <Button
                    variant="secondary"
                    ref={(button: HTMLButtonElement | null) => {
                      if (button) editButtons.current.set(s.id, button);
                      else editButtons.current.delete(s.id);
                    }}
                    onClick={() => startEdit(s.id)}
                  >
                    Edit<span className="visually-hidden"> “{s.name}”</span>
                  </Button>
                  {s.archived ? null : (
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setEditing(null);
                        setConfirming(s.id);
                      }}
                    >
                      Archive<span className="visually-hidden"> “{s.name}”</span>
                    </Button>
                  )}
                </div>
              </td>
            </>
          )}
        />
        {edited ? <EditSpace key={edited.id} space={edited} onDone={(done) => finishEdit(edited.id, done)} /> : null}
        {pending ? (
          <ConfirmPanel id="archive-confirm" title={`Archive “${pending.name}”?`}>
            <p>
              An archived space is read-only, hidden from lists: clients no longer see it in their spaces and nobody can post, reply or react in it. What was
              written stays, and staff can still read it.
            </p>
            <div className="admin-confirm__actions">
              <Button variant="warning" disabled={archiving} onClick={() => void archive(pending.id, pending.name)}>
                Yes, archive “{pending.name}”
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                Keep it open
              </Button>
            </div>
          </ConfirmPanel>
        ) : null}
      </section>

      <section aria-labelledby="spaces-add-title">
        <h2 id="spaces-add-title">Create a space</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ErrorSummary errors={errors} />
          <SpaceFields ids={FIELD_IDS} values={fields} onChange={setFields} errorFor={fieldError} />
          <Button type="submit" disabled={creating}>
            Create space
          </Button>
        </form>
      </section>
    </>
  );
}
