import { useState, type FormEvent } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { Button } from '../../../../components/button';
import { ErrorSummary, type FieldError } from '../../../../components/error-summary';
import { ConfirmPanel } from '../../components/confirm-panel';
import { notDone } from '../../../../lib/failure-text';
import { SpaceFields, type SpaceFieldIds, type SpaceFieldValues } from './space-fields';
import { UpdateSpaceMutation } from '../api/spaces';

const NAME = 'edit-space-name';
const DESCRIPTION = 'edit-space-description';
const COHORT = 'edit-space-cohort';
/** The server names the input field it refused (`extensions.field`): the summary links to that one. */
const FIELD_IDS: SpaceFieldIds & Record<string, string> = { name: NAME, description: DESCRIPTION, cohort: COHORT };

export interface EditableSpace {
  id: string;
  name: string;
  description: string;
  cohort?: string | null;
}

function refusalOf(error: CombinedError): FieldError {
  const field = error.graphQLErrors[0]?.extensions.field;
  return { fieldId: (typeof field === 'string' && FIELD_IDS[field]) || NAME, message: notDone('Not saved', error) };
}

/**
 * A space's name, description and cohort, changed in place. Its heading takes focus when it opens;
 * `onDone` gets what to announce (nothing after Cancel), so the page can put focus back on the row.
 */
export function EditSpace({ space, onDone }: { space: EditableSpace; onDone: (status: string | null) => void }) {
  const [{ fetching: saving }, updateSpace] = useMutation(UpdateSpaceMutation);
  const [fields, setFields] = useState<SpaceFieldValues>({ name: space.name, description: space.description, cohort: space.cohort ?? '' });
  const [errors, setErrors] = useState<FieldError[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { name, description, cohort } = fields;
    if (name.trim() === '') return setErrors([{ fieldId: NAME, message: 'Enter a name for the space' }]);
    setErrors([]);
    // An empty cohort is sent as "" (not left out): that is how a space is opened to every client again.
    const input = { id: space.id, name: name.trim(), description: description.trim(), cohort: cohort.trim() };
    const res = await updateSpace({ input });
    if (res.error) return setErrors([refusalOf(res.error)]);
    const saved = res.data?.updateSpace;
    const who = saved?.cohort ? `clients in cohort ${saved.cohort} see it` : 'every client sees it';
    onDone(`Saved “${saved?.name ?? input.name}”: ${who}.`);
  };

  const fieldError = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <ConfirmPanel id="edit-space" title={`Edit “${space.name}”`}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} />
        <SpaceFields ids={FIELD_IDS} values={fields} onChange={setFields} errorFor={fieldError} />
        <div className="admin-confirm__actions">
          <Button type="submit" disabled={saving}>
            Save changes
          </Button>
          <Button variant="secondary" onClick={() => onDone(null)}>
            Cancel
          </Button>
        </div>
      </form>
    </ConfirmPanel>
  );
}
