import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { TextField } from '../../../components/text-field';
import type { WatchedWordAction } from '../../../lib/gql/graphql';
import { RemoveWatchedWordMutation, SetWatchedWordMutation, WatchedWordsQuery } from '../api/admin';
import { failureText, notDone } from '../../../lib/failure-text';
import { AdminTable } from './admin-table';
import { StatusMessage } from './status-message';

const ACTIONS: Array<{ action: WatchedWordAction; label: string; hint: string }> = [
  { action: 'HOLD', label: 'Hold the post', hint: 'Nobody else sees it until a peer specialist has looked at it.' },
  { action: 'FLAG', label: 'Flag the post', hint: 'It is shared as usual, and a peer specialist is asked to look at it.' },
];
const ACTION_LABEL: Record<WatchedWordAction, string> = { HOLD: 'Holds the post', FLAG: 'Flags the post' };
const REFRESH = { requestPolicy: 'network-only' as const, additionalTypenames: ['WatchedWord'] };
const TERM = 'watched-term';

/** The admins' list of words that hold or flag a post, with add, change and remove. */
export function WatchedWords() {
  const [result, reexecute] = useQuery({ query: WatchedWordsQuery });
  const [{ fetching: saving }, setWord] = useMutation(SetWatchedWordMutation);
  const [{ fetching: removing }, removeWord] = useMutation(RemoveWatchedWordMutation);
  const [term, setTerm] = useState('');
  const [action, setAction] = useState<WatchedWordAction>('HOLD');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (term.trim() === '') return setErrors([{ fieldId: TERM, message: 'Enter the word or phrase to watch for' }]);
    setErrors([]);
    const res = await setWord({ input: { term, action } });
    if (res.error) return setErrors([{ fieldId: TERM, message: failureText(res.error) }]);
    const saved = res.data?.setWatchedWord;
    setStatus(saved ? `Saved: “${saved.term}” ${ACTION_LABEL[saved.action].toLowerCase()}. Screening uses it within 10 seconds.` : 'Saved.');
    setTerm('');
    reexecute(REFRESH);
  };

  const remove = async (id: string, word: string) => {
    const res = await removeWord({ id });
    setStatus(res.error ? notDone('Not removed', res.error) : `Removed “${word}”. Screening stops using it within 10 seconds.`);
    reexecute(REFRESH);
  };

  const termError = errors.find((e) => e.fieldId === TERM)?.message;
  return (
    <>
      <StatusMessage text={status} />
      <section aria-labelledby="watched-list-title">
        <h2 id="watched-list-title">Words being watched</h2>
        {result.fetching && !result.data ? <Loading what="Loading the watched words" /> : null}
        {!result.data && !result.fetching ? <LoadProblem retry={() => reexecute(REFRESH)} /> : null}
        <AdminTable
          labelledBy="watched-list-title"
          caption="Words being watched, and what each does"
          columns={[{ header: 'Word or phrase' }, { header: 'What it does' }, { header: 'Remove', hidden: true }]}
          rows={result.data?.watchedWords}
          rowKey={(w) => w.id}
          empty={<p>No words are watched yet. The built-in lists (slurs, aimed insults) always apply.</p>}
          cells={(w) => (
            <>
              <td>{w.term}</td>
              <td>{ACTION_LABEL[w.action]}</td>
              <td>
                <Button variant="secondary" disabled={removing} onClick={() => void remove(w.id, w.term)}>
                  Remove<span className="visually-hidden"> “{w.term}”</span>
                </Button>
              </td>
            </>
          )}
        />
      </section>

      <section aria-labelledby="watched-add-title">
        <h2 id="watched-add-title">Add a watched word</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ErrorSummary errors={errors} />
          <TextField
            id={TERM}
            label="Word or phrase"
            hint="Matched however it is spelled (capitals, spacing, look-alike letters). Adding a word already listed changes what it does."
            value={term}
            onChange={setTerm}
            error={termError}
            maxLength={100}
          />
          <fieldset className="fieldset form-group">
            <legend className="fieldset__legend">What should happen to a post that contains it?</legend>
            <div className="radios">
              {ACTIONS.map((a) => (
                <div className="radios__item" key={a.action}>
                  <input
                    className="radios__input"
                    type="radio"
                    id={`watched-action-${a.action}`}
                    name="watched-action"
                    value={a.action}
                    checked={action === a.action}
                    onChange={() => setAction(a.action)}
                    aria-describedby={`watched-action-${a.action}-hint`}
                  />
                  <label className="radios__label" htmlFor={`watched-action-${a.action}`}>
                    {a.label}
                  </label>
                  <p className="hint radios__hint" id={`watched-action-${a.action}-hint`}>
                    {a.hint}
                  </p>
                </div>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={saving}>
            Save watched word
          </Button>
        </form>
      </section>
    </>
  );
}
