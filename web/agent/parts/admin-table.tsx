/**
 * The admin pages' table: a caption-less list of rows with column headers, that becomes one card per row on a
 * phone (each cell then shows its column's name before it, from data-label). One place for the scaffolding the
 * admin pages used to repeat.
 */
import type { ReactNode } from 'react';
import { useLang } from '../../shared/i18n';

export interface Column<Row> {
  /** The header, also shown before the cell on a phone. */
  label: string;
  cell: (row: Row) => ReactNode;
  /** For cells such as codes and addresses (monospace, wrap anywhere). */
  className?: string;
  /** The header is only for screen readers (a column of row actions). */
  hideLabel?: boolean;
}

export function AdminTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  label,
}: {
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of an empty table. */
  empty?: ReactNode;
  /** The table's accessible name. */
  label?: string;
}) {
  const { t } = useLang();
  if (rows.length === 0) return <p className="muted admin-empty">{empty ?? t('look.table.empty')}</p>;
  return (
    <table className="tickets admin-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.hideLabel ? 'actions' : undefined}>
              {c.hideLabel ? <span className="sr-only">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c, i) => (
              <td key={i} className={c.className} data-label={c.hideLabel ? undefined : c.label}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
