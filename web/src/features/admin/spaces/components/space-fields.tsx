import { TextField } from '../../../../components/text-field';

/** The input ids of one form's space fields; each form has its own, so both can be on the page at once. */
export interface SpaceFieldIds {
  name: string;
  description: string;
  cohort: string;
}

/** What the fields hold, as typed (trimmed when sent). */
export interface SpaceFieldValues {
  name: string;
  description: string;
  cohort: string;
}

/** Limits the server enforces (src/forum/spaces.service.ts); the fields stop typing at the same length. */
const MAX_NAME_CHARS = 60;
const MAX_DESCRIPTION_CHARS = 500;
const MAX_COHORT_CHARS = 64;

/** A space's name, description and cohort fields, shared by the create form and the edit panel. */
export function SpaceFields({
  ids,
  values,
  onChange,
  errorFor,
}: {
  ids: SpaceFieldIds;
  values: SpaceFieldValues;
  onChange: (values: SpaceFieldValues) => void;
  /** The error to show under the field with this id, if any. */
  errorFor: (id: string) => string | undefined;
}) {
  return (
    <>
      <TextField
        id={ids.name}
        label="Name"
        value={values.name}
        onChange={(name) => onChange({ ...values, name })}
        error={errorFor(ids.name)}
        maxLength={MAX_NAME_CHARS}
      />
      <TextField
        id={ids.description}
        label="Description (optional)"
        hint="One sentence clients see under the name."
        value={values.description}
        onChange={(description) => onChange({ ...values, description })}
        error={errorFor(ids.description)}
        maxLength={MAX_DESCRIPTION_CHARS}
      />
      <TextField
        id={ids.cohort}
        label="Cohort (optional)"
        hint="Only clients in this cohort see the space. Leave it empty for every client."
        value={values.cohort}
        onChange={(cohort) => onChange({ ...values, cohort })}
        error={errorFor(ids.cohort)}
        maxLength={MAX_COHORT_CHARS}
      />
    </>
  );
}
