import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Button } from '../../../../components/button';
import { ErrorSummary, type FieldError } from '../../../../components/error-summary';
import { InsetText } from '../../../../components/inset-text';
import { Loading } from '../../../../components/loading';
import { LoadProblem } from '../../../../components/problem';
import type { OnCallTier } from '../../../../lib/gql/graphql';
import { notDone } from '../../../../lib/failure-text';
import { AdminTable } from '../../components/admin-table';
import { StatusMessage } from '../../components/status-message';
import '../roster.css';
import { CreateShiftMutation, DeleteShiftMutation, RosterQuery } from '../api/roster';
import {
  addProgramDays,
  programClock,
  programDateKey,
  programDay,
  programDayTime,
  programLocalToUtc,
  programZoneName,
  startOfProgramDay,
} from '../program-time';

const HOUR = 3_600_000;
const SOON_HOURS = 72;
const TIER_LABEL: Record<OnCallTier, string> = { PRIMARY: 'Primary', BACKUP: 'Backup' };
const REFRESH = { requestPolicy: 'network-only' as const };
const FIELD = { clinician: 'shift-clinician', tier: 'shift-tier-PRIMARY', start: 'shift-start', end: 'shift-end' } as const;

/** A server refusal in words; BAD_USER_INPUT names the field it is about, so the summary can link to it. */
function serverErrors(error: CombinedError): FieldError[] {
  const first = error.graphQLErrors[0];
  if (first?.extensions.code === 'CONFLICT') return [{ fieldId: FIELD.start, message: `Not added: ${first.message}` }];
  const field = typeof first?.extensions.field === 'string' ? first.extensions.field : '';
  const fieldId = field === 'clinicianId' ? FIELD.clinician : field === 'endsAt' ? FIELD.end : FIELD.start;
  return [{ fieldId, message: notDone('Not added', error) }];
}

/** The admins' on-call roster: who is on call now, gaps soon, a fortnight of shifts, add and delete. */
export function Roster() {
  // The page's "now", fixed until the admin refreshes or changes something, so the query stays the same.
  const [now, setNow] = useState(() => Date.now());
  const [weeks, setWeeks] = useState(0);
  const [zone, setZone] = useState<string | null>(null);
  const windowStart = zone ? addProgramDays(startOfProgramDay(now, zone), weeks * 7, zone) : now + weeks * 7 * 24 * HOUR;
  const windowEnd = zone ? addProgramDays(windowStart, 14, zone) : windowStart + 14 * 24 * HOUR;
  const variables = useMemo(
    () => ({
      from: new Date(windowStart).toISOString(),
      to: new Date(windowEnd).toISOString(),
      soonFrom: new Date(now).toISOString(),
      soonTo: new Date(now + SOON_HOURS * HOUR).toISOString(),
    }),
    [windowStart, windowEnd, now],
  );
  const [result, reexecute] = useQuery({ query: RosterQuery, variables });
  const [{ fetching: adding }, createShift] = useMutation(CreateShiftMutation);
  const [{ fetching: deleting }, deleteShift] = useMutation(DeleteShiftMutation);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [clinicianId, setClinicianId] = useState('');
  const [tier, setTier] = useState<OnCallTier>('PRIMARY');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');

  const data = result.data;
  const timeZone = data?.onCallNow.timeZone ?? null;
  if (timeZone && timeZone !== zone) setZone(timeZone);

  const refresh = () => {
    setNow(Date.now());
    reexecute(REFRESH);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!timeZone) return;
    const found: FieldError[] = [];
    if (!clinicianId) found.push({ fieldId: FIELD.clinician, message: 'Select the clinician who is on call' });
    const startsAt = programLocalToUtc(start, timeZone);
    const endsAt = programLocalToUtc(end, timeZone);
    const skipped = `That time does not exist in ${timeZone}: the clocks go forward then. Enter a time after the change`;
    if (!start) found.push({ fieldId: FIELD.start, message: 'Enter when the shift starts' });
    else if (!startsAt.ok) found.push({ fieldId: FIELD.start, message: startsAt.reason === 'skipped' ? skipped : 'Enter a real date and time for the start' });
    if (!end) found.push({ fieldId: FIELD.end, message: 'Enter when the shift ends' });
    else if (!endsAt.ok) found.push({ fieldId: FIELD.end, message: endsAt.reason === 'skipped' ? skipped : 'Enter a real date and time for the end' });
    else if (startsAt.ok && +endsAt.at <= +startsAt.at) found.push({ fieldId: FIELD.end, message: 'The shift must end after it starts' });
    setErrors(found);
    if (found.length > 0 || !startsAt.ok || !endsAt.ok) return;
    const res = await createShift({ input: { clinicianId, tier, startsAt: startsAt.at.toISOString(), endsAt: endsAt.at.toISOString() } });
    if (res.error) return setErrors(serverErrors(res.error));
    const shift = res.data?.createOnCallShift;
    setStatus(
      shift
        ? `Added: ${shift.clinician?.displayName ?? 'the clinician'} is ${TIER_LABEL[shift.tier].toLowerCase()} on call from ${programDayTime(Date.parse(shift.startsAt), timeZone)} to ${programDayTime(Date.parse(shift.endsAt), timeZone)}.`
        : 'Added.',
    );
    setStart('');
    setEnd('');
    refresh();
  };

  const remove = async (id: string, what: string) => {
    const res = await deleteShift({ id });
    setConfirming(null);
    setStatus(res.error ? notDone('Not deleted', res.error) : `Deleted ${what}.`);
    refresh();
  };

  if (!data) return result.fetching ? <Loading what="Loading the roster" /> : <LoadProblem retry={refresh} />;
  const tz = data.onCallNow.timeZone;
  const zoneName = `${tz} (${programZoneName(now, tz)})`;
  const overlapping = new Set(data.onCallGaps.flatMap((g) => g.shiftIds));
  const days = new Map<string, typeof data.onCallShifts>();
  for (const shift of data.onCallShifts) {
    const key = programDateKey(Math.max(Date.parse(shift.startsAt), windowStart), tz);
    days.set(key, [...(days.get(key) ?? []), shift]);
  }
  const names = (members: Array<{ displayName: string }>) => (members.length > 0 ? members.map((m) => m.displayName).join(' and ') : 'nobody');

  return (
    <>
      <StatusMessage text={status} />
      <p>
        Times on this page are in the program’s time zone, <strong>{zoneName}</strong>.
      </p>

      <section aria-labelledby="roster-now-title">
        <h2 id="roster-now-title">On call now</h2>
        {data.onCallNow.covered ? (
          <dl className="admin-summary">
            <dt>Primary</dt>
            <dd>{names(data.onCallNow.primaries)}</dd>
            <dt>Backup</dt>
            <dd>{names(data.onCallNow.backups)}</dd>
          </dl>
        ) : (
          <InsetText tone="held" label="Warning">
            <p>No one is on call now: level 1 pages all clinicians.</p>
            <p>Backup: {names(data.onCallNow.backups)}.</p>
          </InsetText>
        )}
      </section>

      <section aria-labelledby="roster-soon-title">
        <h2 id="roster-soon-title">Gaps and overlaps in the next 72 hours</h2>
        {data.onCallGaps.length === 0 ? (
          <p>None: a primary clinician is on call for all of the next 72 hours, and no shifts of one tier overlap.</p>
        ) : (
          <ul className="roster-problems">
            {data.onCallGaps.map((g) => {
              const from = Date.parse(g.startsAt) <= now ? 'now' : programDayTime(Date.parse(g.startsAt), tz);
              const until = programDayTime(Date.parse(g.endsAt), tz);
              return (
                <li key={`${g.kind}-${g.startsAt}-${g.tier}`}>
                  {g.kind === 'NO_PRIMARY' ? (
                    <>
                      <strong>Gap:</strong> no primary clinician is on call from {from} until {until}. Escalations then page every clinician.
                    </>
                  ) : (
                    <>
                      <strong>Overlap:</strong> two {TIER_LABEL[g.tier].toLowerCase()} shifts overlap from {from} until {until}. Both clinicians are paged.
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="roster-shifts-title">
        <h2 id="roster-shifts-title">
          Shifts from {programDay(windowStart, tz)} to {programDay(windowEnd - 1, tz)}
        </h2>
        <div className="admin-inline-form">
          <Button variant="secondary" onClick={() => setWeeks(weeks - 1)}>
            Previous week
          </Button>
          <Button variant="secondary" onClick={() => setWeeks(weeks + 1)}>
            Next week
          </Button>
          {weeks !== 0 ? (
            <Button variant="secondary" onClick={() => setWeeks(0)}>
              From today
            </Button>
          ) : null}
        </div>
        <AdminTable
          labelledBy="roster-shifts-title"
          caption="On-call shifts by day: time, tier and clinician"
          className="roster-table"
          testId="roster-table"
          columns={[{ header: `Time (${programZoneName(windowStart, tz)})` }, { header: 'Tier' }, { header: 'Clinician' }, { header: 'Delete', hidden: true }]}
          groups={[...days.entries()].map(([key, shifts]) => ({
            key,
            heading: programDay(Math.max(Date.parse(shifts[0].startsAt), windowStart), tz),
            rows: shifts,
          }))}
          rowKey={(s) => s.id}
          empty={<p>No shifts in these two weeks.</p>}
          cells={(s) => {
            const starts = Date.parse(s.startsAt);
            const ends = Date.parse(s.endsAt);
            const sameDay = programDateKey(starts, tz) === programDateKey(ends, tz);
            const when = `${starts < windowStart ? programDayTime(starts, tz) : programClock(starts, tz)} to ${sameDay ? programClock(ends, tz) : programDayTime(ends, tz)}`;
            const who = s.clinician?.displayName ?? 'a clinician';
            const what = `${who}’s ${TIER_LABEL[s.tier].toLowerCase()} shift, ${programDayTime(starts, tz)} to ${programDayTime(ends, tz)}`;
            return (
              <>
                <td>
                  {when}
                  {overlapping.has(s.id) ? <span className="tag tag--held">Overlaps another shift</span> : null}
                </td>
                <td>{TIER_LABEL[s.tier]}</td>
                <td>{who}</td>
                <td>
                  {confirming === s.id ? (
                    <div className="admin-inline-form" role="group" aria-label={`Delete ${what}?`}>
                      <Button variant="warning" disabled={deleting} autoFocus onClick={() => void remove(s.id, what)}>
                        Yes, delete<span className="visually-hidden"> {what}</span>
                      </Button>
                      <Button variant="secondary" onClick={() => setConfirming(null)}>
                        Keep it
                      </Button>
                    </div>
                  ) : (
                    <Button variant="secondary" onClick={() => setConfirming(s.id)}>
                      Delete<span className="visually-hidden"> {what}</span>
                    </Button>
                  )}
                </td>
              </>
            );
          }}
        />
      </section>

      <section aria-labelledby="roster-add-title">
        <h2 id="roster-add-title">Add a shift</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ErrorSummary errors={errors} />
          <SelectField
            id={FIELD.clinician}
            label="Clinician"
            value={clinicianId}
            onChange={setClinicianId}
            error={errors.find((e) => e.fieldId === FIELD.clinician)?.message}
            options={data.onCallClinicians.map((c) => ({ value: c.id, label: c.displayName }))}
          />
          <fieldset className="fieldset form-group">
            <legend className="fieldset__legend">Tier</legend>
            <div className="radios">
              {(['PRIMARY', 'BACKUP'] as const).map((t) => (
                <div className="radios__item" key={t}>
                  <input
                    className="radios__input"
                    type="radio"
                    id={`shift-tier-${t}`}
                    name="shift-tier"
                    value={t}
                    checked={tier === t}
                    onChange={() => setTier(t)}
                    aria-describedby={`shift-tier-${t}-hint`}
                  />
                  <label className="radios__label" htmlFor={`shift-tier-${t}`}>
                    {TIER_LABEL[t]}
                  </label>
                  <p className="hint radios__hint" id={`shift-tier-${t}-hint`}>
                    {t === 'PRIMARY' ? 'Paged first, at level 1.' : 'Paged too when the primary has not acknowledged in time (level 2).'}
                  </p>
                </div>
              ))}
            </div>
          </fieldset>
          <DateTimeField
            id={FIELD.start}
            label="Starts"
            hint={`In ${zoneName}.`}
            value={start}
            onChange={setStart}
            error={errors.find((e) => e.fieldId === FIELD.start)?.message}
          />
          <DateTimeField
            id={FIELD.end}
            label="Ends"
            hint={`In ${zoneName}. At most 31 days after the start.`}
            value={end}
            onChange={setEnd}
            error={errors.find((e) => e.fieldId === FIELD.end)?.message}
          />
          <Button type="submit" disabled={adding}>
            Add shift
          </Button>
        </form>
      </section>
    </>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div className={`form-group${props.error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      <FieldError id={props.id} error={props.error} />
      <select
        className="admin-select"
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        <option value="">Choose a clinician</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateTimeField(props: { id: string; label: string; hint: string; value: string; onChange: (v: string) => void; error?: string }) {
  const describedBy = [`${props.id}-hint`, props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`form-group${props.error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      <p className="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <FieldError id={props.id} error={props.error} />
      <input
        className="input"
        type="datetime-local"
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={describedBy}
      />
    </div>
  );
}
