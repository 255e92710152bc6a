import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { TextField } from '../../../components/text-field';
import { fullTime } from '../../../lib/format-time';
import type { AuditEventFilter, AuditMemberFieldsFragment } from '../../../lib/gql/graphql';
import { AssignmentsQuery, AuditEventsQuery, ExportAuditCsvMutation } from '../api/admin';
import { notDone } from '../../../lib/failure-text';
import { AdminTable } from './admin-table';
import { StatusMessage } from './status-message';

const PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FilterForm {
  actor: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { actor: '', actorId: '', action: '', targetType: '', targetId: '', from: '', to: '' };

/** The typed form as the server's filter, or the fields that are wrong. Times are the admin's local time. */
function filterOf(form: FilterForm): { filter: AuditEventFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const actorId = form.actorId.trim() || form.actor;
  if (form.actorId.trim() && !UUID.test(form.actorId.trim()))
    errors.push({ fieldId: 'audit-actor-id', message: 'A member id looks like 8-4-4-4-12 letters and digits' });
  const time = (value: string) => (value ? new Date(value) : null);
  const from = time(form.from);
  const to = time(form.to);
  if (from && to && from >= to) errors.push({ fieldId: 'audit-to', message: 'The end of the time range must be after its start' });
  return {
    errors,
    filter: {
      actorId: actorId || null,
      action: form.action.trim() || null,
      targetType: form.targetType.trim() || null,
      targetId: form.targetId.trim() || null,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
    },
  };
}

function download(csv: string, name: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

const ROLE_WORDS: Record<string, string> = {
  CLIENT: 'client',
  PEER_SPECIALIST: 'peer specialist',
  CLINICIAN: 'clinician',
  ADMIN: 'program staff',
  SYSTEM: 'system',
};

/**
 * A member the log names, by their display name as it is now (read with the page), their role
 * (the event's: what they acted as then) and their id below, to filter by or copy. An erased
 * member reads "Former member", marked erased: the log never keeps the name they had.
 */
function AuditMember({ member, id, role }: { member: AuditMemberFieldsFragment | null | undefined; id: string; role: string }) {
  const roleWords = ROLE_WORDS[role] ?? role.toLowerCase().replace(/_/g, ' ');
  const status = member?.status === 'ERASED' ? ', erased' : member?.status === 'DISCHARGED' ? ', discharged' : '';
  return (
    <>
      {member ? member.displayName : 'A member no longer on record'}
      <br />
      <span className="hint">
        {roleWords}
        {status}
      </span>
      <br />
      <code className="admin-id" title="Member id">
        {id}
      </code>
    </>
  );
}

/**
 * The append-only audit log, newest first: filters, pages (a stack of cursors for going back),
 * and a CSV download of the filtered range, which the server records as an event of its own.
 */
export function AuditLog() {
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<AuditEventFilter>({});
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  const after = cursors[cursors.length - 1];
  const [result, reexecute] = useQuery({ query: AuditEventsQuery, variables: { first: PAGE, after, filter: applied }, requestPolicy: 'network-only' });
  const [people] = useQuery({ query: AssignmentsQuery });
  const [{ fetching: exporting }, exportCsv] = useMutation(ExportAuditCsvMutation);
  const peers = people.data?.peerSpecialistAssignments ?? [];
  const set = (field: keyof FilterForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const { filter, errors: found } = filterOf(form);
    setErrors(found);
    if (found.length > 0) return;
    setApplied(filter);
    setCursors([null]);
  };

  const doExport = async () => {
    const res = await exportCsv({ filter: applied });
    if (res.error || !res.data) return setStatus(res.error ? notDone('Not downloaded', res.error) : 'Not downloaded: try again.');
    const { csv, rowCount, truncated } = res.data.exportAuditEventsCsv;
    download(csv, `audit-log-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`);
    setStatus(
      `Downloaded ${rowCount} events as CSV${truncated ? ': the newest 10,000 only. Narrow the time range to get the rest' : ''}. The download is recorded in the audit log.`,
    );
  };

  const edges = result.data?.auditEvents.edges ?? [];
  const pageInfo = result.data?.auditEvents.pageInfo;
  const fieldError = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <>
      <form className="admin-filters" onSubmit={apply} noValidate aria-labelledby="audit-filter-title">
        <h2 id="audit-filter-title">Filter the log</h2>
        <ErrorSummary errors={errors} />
        <div className="admin-filters__fields">
          <div className="form-group">
            <label className="label" htmlFor="audit-actor">
              Who acted
            </label>
            <select className="admin-select" id="audit-actor" value={form.actor} onChange={(e) => set('actor')(e.target.value)}>
              <option value="">Anyone</option>
              {/* Peer specialists by name; anyone else by their member id below. */}
              {peers.map((p) => (
                <option key={p.memberId} value={p.memberId}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="audit-actor-id"
            label="Or a member id"
            hint="Anyone else, by id."
            value={form.actorId}
            onChange={set('actorId')}
            error={fieldError('audit-actor-id')}
          />
          <TextField id="audit-action" label="Action" hint="Exactly, e.g. post.viewed" value={form.action} onChange={set('action')} maxLength={200} />
          <TextField
            id="audit-target-type"
            label="Target type"
            hint="e.g. post, case, space"
            value={form.targetType}
            onChange={set('targetType')}
            maxLength={200}
          />
          <TextField id="audit-target-id" label="Target id" value={form.targetId} onChange={set('targetId')} maxLength={200} />
          <div className="form-group">
            <label className="label" htmlFor="audit-from">
              From (your time)
            </label>
            <input className="input" type="datetime-local" id="audit-from" value={form.from} onChange={(e) => set('from')(e.target.value)} />
          </div>
          <div className={`form-group${fieldError('audit-to') ? ' form-group--error' : ''}`}>
            <label className="label" htmlFor="audit-to">
              Until, not including (your time)
            </label>
            {fieldError('audit-to') ? (
              <p className="error-message" id="audit-to-error">
                <span className="visually-hidden">Error:</span> {fieldError('audit-to')}
              </p>
            ) : null}
            <input
              className="input"
              type="datetime-local"
              id="audit-to"
              value={form.to}
              onChange={(e) => set('to')(e.target.value)}
              aria-describedby={fieldError('audit-to') ? 'audit-to-error' : undefined}
            />
          </div>
        </div>
        <div className="button-group">
          <Button type="submit">Apply filters</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setForm(EMPTY);
              setErrors([]);
              setApplied({});
              setCursors([null]);
            }}
          >
            Clear filters
          </Button>
          <Button variant="secondary" disabled={exporting} onClick={() => void doExport()}>
            {exporting ? 'Preparing the CSV…' : 'Download CSV'}
          </Button>
        </div>
      </form>
      <StatusMessage text={status} />

      <section aria-labelledby="audit-events-title">
        <h2 id="audit-events-title">Events, newest first</h2>
        {result.fetching && !result.data ? <Loading what="Loading the audit log" /> : null}
        {!result.data && !result.fetching ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null}
        <AdminTable
          labelledBy="audit-events-title"
          caption="Audit events, newest first: when, who, what and on what"
          testId="audit-table"
          className="admin-table--audit"
          columns={[{ header: 'When' }, { header: 'Who' }, { header: 'Action' }, { header: 'Target' }, { header: 'Details' }]}
          rows={result.data ? edges : undefined}
          rowKey={({ node }) => node.id}
          empty={<p>No events match these filters.</p>}
          cells={({ node: e }) => (
            <>
              <td>
                <time dateTime={e.createdAt}>{fullTime(e.createdAt)}</time>
              </td>
              <td>{e.actorId ? <AuditMember member={e.actor} id={e.actorId} role={e.actorRole} /> : 'The system'}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.targetType}
                <br />
                {e.targetMember ? (
                  <AuditMember member={e.targetMember} id={e.targetId} role={e.targetMember.role} />
                ) : (
                  <code className="admin-id">{e.targetId}</code>
                )}
              </td>
              <td>
                <code className="admin-id">{e.details === '{}' ? '' : e.details}</code>
              </td>
            </>
          )}
        />
        <nav aria-label="Audit log pages" className="button-group">
          <Button variant="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Newer events
          </Button>
          <Button variant="secondary" disabled={!pageInfo?.hasNextPage} onClick={() => pageInfo?.endCursor && setCursors((c) => [...c, pageInfo.endCursor])}>
            Older events
          </Button>
          <span className="hint">Page {cursors.length}</span>
        </nav>
      </section>
    </>
  );
}
