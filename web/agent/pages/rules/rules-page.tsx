/**
 * Admin → Rules (issue 17): triggers (on ticket events) and automations (on time), in the order they run. A new
 * rule is saved switched off; its dry run lists the recent tickets it would have matched, and then the admin
 * switches it on. The starter set for wallet support installs switched off too.
 */
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post, type Answer } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { Field, Status, useAction } from '../../parts/forms';
import { Link } from '../../parts/link';
import { CATEGORIES, PRIORITIES, STATUSES, type contract } from '../../types';

type Rule = Answer<typeof contract.RuleJson>;
type Condition = Rule['conditions']['all'][number];
type Action = Rule['actions'][number];
type DryRun = Answer<typeof contract.RuleDryRunJson>;
type MacroChoice = Answer<typeof contract.MacroJson>;

const FIELDS: Record<Rule['kind'], Condition['field'][]> = {
  trigger: ['event', 'message_author', 'status', 'priority', 'category', 'channel', 'team_id', 'assignee_id', 'tags', 'subject'],
  automation: ['status', 'priority', 'category', 'channel', 'team_id', 'assignee_id', 'tags', 'hours_since_created', 'hours_since_updated', 'hours_since_solved'],
};
const TIME = new Set(['hours_since_created', 'hours_since_updated', 'hours_since_solved']);
const CHANGE_FIELDS = new Set(['status', 'priority', 'category', 'team_id', 'assignee_id']);
const EVENTS = ['ticket.created', 'message.added', 'ticket.updated', 'ticket.assigned', 'ticket.reopened', 'ticket.escalated'];
const ACTIONS: Action['type'][] = ['set_status', 'set_priority', 'set_category', 'set_team', 'set_assignee', 'add_tags', 'remove_tags', 'notify', 'add_note', 'send_reply', 'send_macro'];

/** The placeholders a rule's note or reply may use (the macros' ones). */
const PLACEHOLDERS = ['{{customer_name}}', '{{ticket_number}}', '{{missing_details}}', '{{chain_status}}'].join(', ');

function operatorsFor(kind: Rule['kind'], field: Condition['field']): Condition['operator'][] {
  if (TIME.has(field)) return ['greater_than', 'less_than'];
  if (field === 'tags') return ['contains', 'not_contains'];
  if (field === 'subject') return ['contains', 'not_contains'];
  const base: Condition['operator'][] = ['is', 'is_not'];
  return kind === 'trigger' && CHANGE_FIELDS.has(field) ? [...base, 'changed', 'changed_to', 'changed_from'] : base;
}

/** The choices of a closed field, or null for free text. */
function choicesFor(field: string, desk: ReturnType<typeof useDesk>, t: (k: string) => string): Array<[string, string]> | null {
  switch (field) {
    case 'event':
      return EVENTS.map((e) => [e, t(`rules.event.${e.replace('.', '_')}`)]);
    case 'message_author':
      return ['customer', 'agent', 'system'].map((a) => [a, t(`rules.author.${a}`)]);
    case 'status':
      return STATUSES.map((s) => [s, t(`agent.status.${s}`)]);
    case 'priority':
      return PRIORITIES.map((p) => [p, t(`agent.priority.${p}`)]);
    case 'category':
      return CATEGORIES.map((c) => [c, t(`agent.category.${c}`)]);
    case 'channel':
      return ['web', 'email', 'chat', 'phone', 'api', 'telegram'].map((c) => [c, t(`agent.channel.${c}`)]);
    case 'team_id':
      return desk.teams.map((tm) => [tm.id, tm.name]);
    case 'assignee_id':
      return desk.agents.map((a) => [a.id, a.name]);
    default:
      return null;
  }
}

function actionChoices(type: Action['type'], desk: ReturnType<typeof useDesk>, t: (k: string) => string): Array<[string, string]> | null {
  switch (type) {
    case 'set_status':
      return STATUSES.map((s) => [s, t(`agent.status.${s}`)]);
    case 'set_priority':
      return PRIORITIES.map((p) => [p, t(`agent.priority.${p}`)]);
    case 'set_category':
      return CATEGORIES.map((c) => [c, t(`agent.category.${c}`)]);
    case 'set_team':
      return desk.teams.map((tm) => [tm.id, tm.name]);
    case 'set_assignee':
      return desk.agents.map((a) => [a.id, a.name]);
    case 'notify':
      return [['assignee', t('rules.notify_assignee')], ['team', t('rules.notify_team')], ...desk.agents.map((a): [string, string] => [a.id, a.name])];
    default:
      return null;
  }
}

const emptyCondition = (kind: Rule['kind']): Condition & { group: 'all' | 'any' } =>
  kind === 'trigger' ? { group: 'all', field: 'event', operator: 'is', value: 'ticket.created' } : { group: 'all', field: 'status', operator: 'is', value: 'solved' };

export function RulesPage() {
  const { t, lang } = useLang();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [dry, setDry] = useState<{ title: string; result: DryRun } | null>(null);
  const a = useAction();
  const load = useCallback(() => {
    get<typeof contract.RuleList>('/api/v1/rules')
      .then((r) => setRules(r.rules))
      .catch(() => setRules([]));
  }, []);
  useEffect(load, [load]);

  const dryRun = (rule: Rule) =>
    a.run(async () => {
      setDry({ title: rule.name, result: await post<typeof contract.RuleDryRunJson>(`/api/v1/rules/${rule.id}/dry-run`) });
    }, t('rules.dry_run_done'));
  const toggle = (rule: Rule) =>
    a.run(async () => {
      await patch<typeof contract.RuleJson, typeof contract.RulePatchJson>(`/api/v1/rules/${rule.id}`, { enabled: !rule.enabled });
      load();
    }, rule.enabled ? t('rules.switched_off') : t('rules.switched_on'));
  const remove = (rule: Rule) =>
    a.run(async () => {
      if (!window.confirm(t('rules.delete_confirm', { name: rule.name }))) return;
      await del(`/api/v1/rules/${rule.id}`);
      load();
    }, t('rules.deleted'));
  const starter = () =>
    a.run(async () => {
      await post<typeof contract.RuleList>('/api/v1/rules/starter-set', { language: lang });
      load();
    }, t('rules.starter_done'));

  return (
    <section className="rules-page">
      <h1>{t('rules.title')}</h1>
      <p className="muted">{t('rules.intro')}</p>
      <Status error={a.error} done={a.done} />
      <p>
        <button type="button" className="secondary" onClick={() => void starter()}>
          {t('rules.install_starter')}
        </button>
      </p>
      {rules && rules.length === 0 ? <p>{t('rules.none')}</p> : null}
      {rules && rules.length > 0 ? (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t('rules.position')}</th>
              <th scope="col">{t('rules.name')}</th>
              <th scope="col">{t('rules.kind_column')}</th>
              <th scope="col">{t('rules.state')}</th>
              <th scope="col">{t('rules.what')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td data-label={t('rules.position')}>{r.position}</td>
                <td data-label={t('rules.name')}>{r.name}</td>
                <td data-label={t('rules.kind_column')}>{t(`rules.kind.${r.kind}`)}</td>
                <td data-label={t('rules.state')}>{r.enabled ? t('rules.on') : t('rules.off')}</td>
                <td data-label={t('rules.what')} className="row">
                  <button type="button" className="secondary" onClick={() => void dryRun(r)}>
                    {t('rules.dry_run')}
                  </button>
                  <button type="button" onClick={() => void toggle(r)}>
                    {r.enabled ? t('rules.switch_off') : t('rules.switch_on')}
                  </button>
                  <button type="button" className="link" onClick={() => void remove(r)}>
                    {t('rules.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {dry ? <DryRunResult title={dry.title} result={dry.result} /> : null}
      <RuleForm onSaved={load} onDryRun={(result) => setDry({ title: t('rules.draft'), result })} />
    </section>
  );
}

function DryRunResult({ title, result }: { title: string; result: DryRun }) {
  const { t } = useLang();
  return (
    <section className="card" aria-live="polite" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">{t('rules.dry_run_title', { name: title })}</h2>
      <p>{t('rules.dry_run_summary', { count: result.matches.length, checked: result.checked })}</p>
      {result.matches.length > 0 ? (
        <ul>
          {result.matches.map((m) => (
            <li key={m.ticket_id}>
              <Link to={`/agent/tickets/${m.number}`}>
                #{m.number} {m.subject}
              </Link>{' '}
              <span className="muted">{m.event ? t(`rules.event.${m.event.replace('.', '_')}`) : t(`agent.status.${m.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RuleForm({ onSaved, onDryRun }: { onSaved: () => void; onDryRun: (r: DryRun) => void }) {
  const { t } = useLang();
  const desk = useDesk();
  const [kind, setKind] = useState<Rule['kind']>('trigger');
  const [name, setName] = useState('');
  const [conditions, setConditions] = useState<Array<Condition & { group: 'all' | 'any' }>>([emptyCondition('trigger')]);
  const [actions, setActions] = useState<Action[]>([{ type: 'set_priority', value: 'urgent' }]);
  const a = useAction();
  // A rule may send shared and team macros (never someone's personal one).
  const [macros, setMacros] = useState<MacroChoice[]>([]);
  useEffect(() => {
    void get<typeof contract.MacroList>('/api/v1/macros').then((r) => setMacros(r.macros.filter((m) => m.scope !== 'personal')), () => undefined);
  }, []);
  const choicesOf = (type: Action['type']): Array<[string, string]> | null => (type === 'send_macro' ? macros.map((m) => [m.id, m.title]) : actionChoices(type, desk, t));

  const body = () => {
    const parse = (c: Condition): Condition => {
      if (TIME.has(c.field)) return { field: c.field, operator: c.operator, value: Number(c.value) };
      if (c.operator === 'changed') return { field: c.field, operator: c.operator };
      return { field: c.field, operator: c.operator, value: c.value ?? '' };
    };
    const parseAction = (x: Action): Action =>
      x.type === 'add_tags' || x.type === 'remove_tags'
        ? { type: x.type, value: String(x.value ?? '').split(',').map((s) => s.trim()).filter(Boolean) }
        : { type: x.type, value: x.value };
    return {
      kind,
      conditions: { all: conditions.filter((c) => c.group === 'all').map(parse), any: conditions.filter((c) => c.group === 'any').map(parse) },
      actions: actions.map(parseAction),
    };
  };
  const setCondition = (i: number, change: Partial<Condition & { group: 'all' | 'any' }>) =>
    setConditions((list) =>
      list.map((c, j) => {
        if (j !== i) return c;
        const next = { ...c, ...change };
        if (change.field) {
          next.operator = operatorsFor(kind, change.field)[0]!;
          next.value = TIME.has(change.field) ? 96 : (choicesFor(change.field, desk, t)?.[0]?.[0] ?? '');
        }
        return next;
      }),
    );
  const setAction = (i: number, change: Partial<Action>) =>
    setActions((list) =>
      list.map((x, j) => {
        if (j !== i) return x;
        const next = { ...x, ...change };
        if (change.type) next.value = choicesOf(change.type)?.[0]?.[0] ?? '';
        return next;
      }),
    );

  return (
    <form
      className="card rule-form"
      aria-labelledby="new-rule-title"
      onSubmit={(e) => {
        e.preventDefault();
        void a.run(async () => {
          await post<typeof contract.RuleJson, typeof contract.RuleCreate>('/api/v1/rules', { name, ...body() });
          setName('');
          onSaved();
        }, t('rules.saved'));
      }}
    >
      <h2 id="new-rule-title">{t('rules.new')}</h2>
      <div className="row">
        <Field id="rule-kind" label={t('rules.kind_column')}>
          <select
            id="rule-kind"
            value={kind}
            onChange={(e) => {
              const k = e.target.value as Rule['kind'];
              setKind(k);
              setConditions([emptyCondition(k)]);
              setActions(k === 'trigger' ? [{ type: 'set_priority', value: 'urgent' }] : [{ type: 'set_status', value: 'closed' }]);
            }}
          >
            <option value="trigger">{t('rules.kind.trigger')}</option>
            <option value="automation">{t('rules.kind.automation')}</option>
          </select>
        </Field>
        <Field id="rule-name" label={t('rules.name')}>
          <input id="rule-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('rules.conditions')}</legend>
        {conditions.map((c, i) => {
          const choices = choicesFor(c.field, desk, t);
          const n = i + 1;
          return (
            <div className="row" key={i}>
              <select aria-label={t('rules.group_label', { n })} value={c.group} onChange={(e) => setCondition(i, { group: e.target.value as 'all' | 'any' })}>
                <option value="all">{t('rules.group.all')}</option>
                <option value="any">{t('rules.group.any')}</option>
              </select>
              <select aria-label={t('rules.field_label', { n })} value={c.field} onChange={(e) => setCondition(i, { field: e.target.value as Condition['field'] })}>
                {FIELDS[kind].map((f) => (
                  <option key={f} value={f}>
                    {t(`rules.field.${f}`)}
                  </option>
                ))}
              </select>
              <select aria-label={t('rules.operator_label', { n })} value={c.operator} onChange={(e) => setCondition(i, { operator: e.target.value as Condition['operator'] })}>
                {operatorsFor(kind, c.field).map((o) => (
                  <option key={o} value={o}>
                    {t(`rules.operator.${o}`)}
                  </option>
                ))}
              </select>
              {c.operator === 'changed' ? null : choices ? (
                <select aria-label={t('rules.value_label', { n })} value={String(c.value ?? '')} onChange={(e) => setCondition(i, { value: e.target.value })}>
                  {choices.map(([v, label]) => (
                    <option key={v} value={v}>
                      {label}
                    </option>
                  ))}
                </select>
              ) : (
                <input aria-label={t('rules.value_label', { n })} type={TIME.has(c.field) ? 'number' : 'text'} min={0} value={String(c.value ?? '')} onChange={(e) => setCondition(i, { value: e.target.value })} />
              )}
              <button type="button" className="link" onClick={() => setConditions((list) => list.filter((_, j) => j !== i))} disabled={conditions.length === 1}>
                {t('rules.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" className="secondary" onClick={() => setConditions((list) => [...list, emptyCondition(kind)])}>
          {t('rules.add_condition')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('rules.actions')}</legend>
        {actions.map((x, i) => {
          const choices = choicesOf(x.type);
          const n = i + 1;
          return (
            <div className="row" key={i}>
              <select aria-label={t('rules.action_label', { n })} value={x.type} onChange={(e) => setAction(i, { type: e.target.value as Action['type'] })}>
                {ACTIONS.map((type) => (
                  <option key={type} value={type}>
                    {t(`rules.action.${type}`)}
                  </option>
                ))}
              </select>
              {choices ? (
                <select aria-label={t('rules.action_value_label', { n })} value={String(x.value ?? '')} onChange={(e) => setAction(i, { value: e.target.value })}>
                  {choices.map(([v, label]) => (
                    <option key={v} value={v}>
                      {label}
                    </option>
                  ))}
                </select>
              ) : x.type === 'add_note' || x.type === 'send_reply' ? (
                <textarea aria-label={t('rules.action_value_label', { n })} rows={2} value={String(x.value ?? '')} onChange={(e) => setAction(i, { value: e.target.value })} />
              ) : (
                <input aria-label={t('rules.action_value_label', { n })} placeholder={t('rules.tags_hint')} value={String(x.value ?? '')} onChange={(e) => setAction(i, { value: e.target.value })} />
              )}
              <button type="button" className="link" onClick={() => setActions((list) => list.filter((_, j) => j !== i))} disabled={actions.length === 1}>
                {t('rules.remove')}
              </button>
            </div>
          );
        })}
        {actions.some((x) => x.type === 'add_note' || x.type === 'send_reply') ? <p className="muted">{t('rules.placeholders_hint', { list: PLACEHOLDERS })}</p> : null}
        <button type="button" className="secondary" onClick={() => setActions((list) => [...list, { type: 'add_tags', value: '' }])}>
          {t('rules.add_action')}
        </button>
      </fieldset>
      <Status error={a.error} done={a.done} />
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void a.run(async () => {
              onDryRun(await post<typeof contract.RuleDryRunJson, typeof contract.RuleDraft>('/api/v1/rules/dry-run', body()));
            }, t('rules.dry_run_done'))
          }
        >
          {t('rules.dry_run_draft')}
        </button>
        <button type="submit">{t('rules.save')}</button>
      </div>
      <p className="muted">{t('rules.saved_off')}</p>
    </form>
  );
}
