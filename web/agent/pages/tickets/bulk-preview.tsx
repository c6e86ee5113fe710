/** Before a bulk change: how many tickets, which field becomes which value; nothing changes until Apply. */
import { useLang } from '../../../shared/i18n';
import { agentName, useDesk } from '../../parts/desk';
import type { RequestBody } from '../../../shared/api';
import type { contract } from '../../types';

/** The changes a bulk action makes (the API's `changes`). */
export type BulkChanges = RequestBody<typeof contract.BulkBody>['changes'];

export function BulkPreview({ changes, count, onApply, onCancel }: { changes: BulkChanges; count: number; onApply: () => void; onCancel: () => void }) {
  const { t } = useLang();
  const desk = useDesk();
  const lines: Array<[string, string]> = [];
  if (changes.status) lines.push([t('agent.ticket.status'), t(`agent.status.${changes.status}`)]);
  if (changes.priority) lines.push([t('agent.ticket.priority'), t(`agent.priority.${changes.priority}`)]);
  if (changes.assignee_id !== undefined) lines.push([t('agent.ticket.assignee'), changes.assignee_id ? agentName(desk, changes.assignee_id) : t('agent.ticket.unassigned')]);
  return (
    <div className="card bulk-preview" role="alertdialog" aria-labelledby="bulk-preview-title" data-slot="bulk-preview">
      <p id="bulk-preview-title">
        <strong>{t('safety.bulk.title', { count })}</strong>
      </p>
      <ul>
        {lines.map(([field, value]) => (
          <li key={field}>{t('safety.bulk.change', { field, value })}</li>
        ))}
      </ul>
      <div className="row">
        <button type="button" onClick={onApply}>
          {t('safety.bulk.apply', { count })}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('safety.cancel')}
        </button>
      </div>
    </div>
  );
}
