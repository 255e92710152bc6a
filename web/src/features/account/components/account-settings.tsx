import { useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { TextField } from '../../../components/text-field';
import { ACTION_FAILURE_WORDING, failureText, type FailureWording } from '../../../lib/failure-text';
import { ExportMyDataQuery, SetMyPseudonymMutation } from '../api/account';

const PSEUDONYM = 'pseudonym';

/** Choosing a name: RATE_LIMITED means the once-a-week limit, and there is no page to refresh when something is missing. */
const NAME_WORDING: FailureWording = {
  ...ACTION_FAILURE_WORDING,
  'rate-limited': () => 'You changed your name recently. You can choose a new one once a week.',
  'not-found': () => 'Something went wrong. Try again.',
};

/** Hands the JSON to the browser as a file; nothing is kept in the page after. */
function saveFile(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The name other members see (clients choose it, once a week), and a copy of one's own data. */
export function AccountSettings({ displayName, canChooseName }: { displayName: string; canChooseName: boolean }) {
  const client = useClient();
  const [{ fetching: saving }, setMyPseudonym] = useMutation(SetMyPseudonymMutation);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportProblem, setExportProblem] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    if (name.trim() === '') return setErrors([{ fieldId: PSEUDONYM, message: 'Enter the name you would like others to see' }]);
    setErrors([]);
    const res = await setMyPseudonym({ displayName: name.trim() });
    if (res.error) return setErrors([{ fieldId: PSEUDONYM, message: failureText(res.error, NAME_WORDING) }]);
    setSaved(`Others now see you as ${res.data?.setMyPseudonym.displayName ?? name.trim()}.`);
    setName('');
  };

  const download = async () => {
    setExporting(true);
    setExportProblem('');
    const res = await client.query(ExportMyDataQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setExporting(false);
    if (res.error || !res.data) return setExportProblem(res.error ? failureText(res.error) : 'Something went wrong. Try again.');
    saveFile('between-sessions-my-data.json', res.data.exportMyData);
  };

  return (
    <>
      <section aria-labelledby="name-heading">
        <h2 id="name-heading">Your name here</h2>
        <p>
          Others see you as <strong>{displayName}</strong>. Your real name is never shown.
        </p>
        {canChooseName ? (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <ErrorSummary errors={errors} />
            <TextField
              id={PSEUDONYM}
              label="Choose a new name"
              hint="3 to 32 characters. Not your real name, an email or a phone number. You can change it once a week."
              value={name}
              onChange={setName}
              error={errors.find((e) => e.fieldId === PSEUDONYM)?.message}
              maxLength={32}
            />
            <Button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save name'}
            </Button>
            <p role="status">{saved}</p>
          </form>
        ) : (
          <p>Staff names come from the program and show your role.</p>
        )}
      </section>
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>A copy of what you wrote here, your reactions, your reports and your notifications, as one file.</p>
        <Button variant="secondary" onClick={() => void download()} disabled={exporting}>
          {exporting ? 'Preparing your file…' : 'Download your data'}
        </Button>
        <p role="status">{exportProblem}</p>
        <p>To have what you wrote removed from the forum, ask your program team: they can erase it.</p>
      </section>
    </>
  );
}
