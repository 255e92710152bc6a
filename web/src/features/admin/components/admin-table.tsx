import type { ReactNode } from 'react';

export interface AdminColumn {
  header: ReactNode;
  /** Read to screen readers but not shown: a column of buttons is still named. */
  hidden?: boolean;
}

/** Rows under a heading of their own (a day of the roster): one `tbody` each, the heading a row group header. */
export interface AdminRowGroup<Row> {
  key: string;
  heading: ReactNode;
  rows: readonly Row[];
}

/** Undefined while nothing is loaded: neither the table nor the empty state is shown. */
type AdminTableBody<Row> = { rows: readonly Row[] | undefined; groups?: never } | { groups: readonly AdminRowGroup<Row>[] | undefined; rows?: never };

type AdminTableProps<Row> = AdminTableBody<Row> & {
  /** The id of the section heading above, which names the scrolling region. */
  labelledBy: string;
  /** The table's own name for screen readers; the heading already shows it on screen. */
  caption: string;
  columns: readonly AdminColumn[];
  rowKey: (row: Row) => string;
  /** One row's cells: a `<th scope="row">` first where the row has a name to be read with each cell. */
  cells: (row: Row) => ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  className?: string;
  testId?: string;
};

/**
 * The console's table: a focusable region that scrolls sideways on its own (so the page never
 * does), a caption, column headers with their scope, then the rows, or the empty state instead.
 */
export function AdminTable<Row>({ labelledBy, caption, columns, rows, groups: grouped, rowKey, cells, empty, className, testId }: AdminTableProps<Row>) {
  const groups = rows ? [{ key: 'rows', heading: null, rows }] : grouped;
  if (!groups) return null;
  if (groups.every((group) => group.rows.length === 0)) return empty ? <>{empty}</> : null;
  return (
    <div className="admin-table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className={className ? `admin-table ${className}` : 'admin-table'} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column.hidden ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.key}>
            {group.heading ? (
              <tr>
                <th scope="rowgroup" colSpan={columns.length} className="admin-table__group">
                  {group.heading}
                </th>
              </tr>
            ) : null}
            {group.rows.map((row) => (
              <tr key={rowKey(row)}>{cells(row)}</tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
