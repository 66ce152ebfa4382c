import type { ReactNode } from 'react';
import { Loading, ProblemNotice, styles } from './ui';

/** What `useLoad` holds for a list page, or any answer that carries its rows in `data`. */
interface LoadedList<T> {
  data: { data: T[] } | null;
  error: unknown;
  loading: boolean;
}

/**
 * Every state of a loaded list: its problem, "Loading…" the first time (a reload keeps the rows on
 * screen until the answer comes), `empty` when there are no rows, else `children(rows)`.
 */
export function ListState<T>({
  list,
  what,
  empty,
  children,
}: {
  list: LoadedList<T>;
  /** Completes "Loading …". */
  what: string;
  /** A sentence (shown as a paragraph) or any node; nothing when omitted. */
  empty?: ReactNode;
  children(rows: T[]): ReactNode;
}) {
  const rows = list.data?.data;
  return (
    <>
      {list.error ? <ProblemNotice problem={list.error} /> : null}
      {list.loading && !list.data ? <Loading what={what} /> : null}
      {rows?.length === 0 ? typeof empty === 'string' ? <p>{empty}</p> : empty : null}
      {rows?.length ? children(rows) : null}
    </>
  );
}

/** One column of a table: its heading and what each row shows in it. */
export interface Column<T> {
  label: string;
  /** The heading is read to screen readers only (e.g. a column of buttons). */
  hidden?: boolean;
  /** The cell heads its row (`<th scope="row">`). */
  rowHeader?: boolean;
  cell(row: T): ReactNode;
}

/** A table, declared: what each row is keyed by and its columns. */
export interface TableSpec<T> {
  testId?: string;
  labelledBy?: string;
  rowKey(row: T): string;
  columns: Column<T>[];
}

/** A last column of buttons: its heading is for screen readers only. */
export function actionsColumn<T>(cell: (row: T) => ReactNode): Column<T> {
  return { label: 'Actions', hidden: true, cell };
}

/** A scrolling table of `rows`, one `<tr>` each, laid out by `spec`. */
export function DataTable<T>({ rows, spec }: { rows: readonly T[]; spec: TableSpec<T> }) {
  return (
    <div className={styles.tableWrap}>
      <table data-testid={spec.testId} aria-labelledby={spec.labelledBy}>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c.label} scope="col">
                {c.hidden ? <span className={styles.srOnly}>{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={spec.rowKey(row)}>
              {spec.columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.label} scope="row">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.label}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A loaded list shown as a table: its problem, loading, empty state, or the table. */
export function ListTable<T>({
  table,
  ...state
}: {
  list: LoadedList<T>;
  what: string;
  empty?: ReactNode;
  table: TableSpec<T>;
}) {
  return <ListState {...state}>{(rows) => <DataTable rows={rows} spec={table} />}</ListState>;
}
