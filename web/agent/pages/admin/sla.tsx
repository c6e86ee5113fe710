/** Admin → SLA: policies (ordered, first match applies) and each brand's business calendar with holidays. */
import { useCallback, useEffect, useState } from 'react';
import { del, get, patch, post, put } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { Field, Status, useAction } from '../../parts/forms';
import { CATEGORIES, CHANNELS, PRIORITIES, type contract } from '../../types';
import type { Static } from '@sinclair/typebox';

type Policy = Static<typeof contract.SlaPolicyJson>;
type Calendar = Static<typeof contract.CalendarJson>;
type Target = Static<typeof contract.SlaTargetJson>;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "09:00-12:00, 13:00-18:00" ⇄ [["09:00","12:00"],["13:00","18:00"]] */
const intervalsText = (xs: Array<[string, string]> | undefined) => (xs ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
const parseIntervals = (text: string): Array<[string, string]> =>
  text
    .split(/[,，;\s]+/)
    .filter(Boolean)
    .map((part) => part.split(/[-–~]/).map((x) => x.trim()) as [string, string]);
const dateList = (text: string) => text.split(/[\s,，]+/).filter(Boolean);
const minutes = (s: number | null) => (s === null ? '' : String(Math.round(s / 60)));
const seconds = (m: string) => (m.trim() === '' ? null : Math.max(1, Math.round(Number(m) * 60)));

function PolicyForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const { t } = useLang();
  const desk = useDesk();
  const a = useAction();
  const [name, setName] = useState('');
  const [brandId, setBrandId] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [channels, setChannels] = useState<string[]>([]);
  const [business, setBusiness] = useState(true);
  const [onHold, setOnHold] = useState(false);
  const [raise, setRaise] = useState(false);
  const [warn, setWarn] = useState('');
  const [targets, setTargets] = useState<Record<string, { first: string; next: string; resolution: string }>>(
    Object.fromEntries(PRIORITIES.map((p) => [p, { first: '', next: '', resolution: '' }])),
  );
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  return (
    <form
      className="card admin-form sla-policy"
      onSubmit={(e) => {
        e.preventDefault();
        void a.run(async () => {
          const built: Record<string, Target> = {};
          for (const p of PRIORITIES) {
            const x = targets[p]!;
            const target = { first_reply_s: seconds(x.first), next_reply_s: seconds(x.next), resolution_s: seconds(x.resolution), business_hours: business };
            if (target.first_reply_s !== null || target.next_reply_s !== null || target.resolution_s !== null) built[p] = target;
          }
          await post<typeof contract.SlaPolicyJson, typeof contract.SlaPolicyCreate>('/api/v1/sla-policies', {
            name,
            brand_id: brandId || null,
            conditions: { ...(categories.length ? { categories: categories as Policy['conditions']['categories'] } : {}), ...(channels.length ? { channels: channels as Policy['conditions']['channels'] } : {}) },
            targets: built,
            ...(onHold ? { paused_by: { first_reply: ['pending', 'on_hold'], next_reply: ['pending', 'on_hold'], resolution: ['pending', 'on_hold'] } } : {}),
            escalation: { warn_before_s: seconds(warn), on_breach: { raise_priority: raise } },
          });
          setName('');
          await onSaved();
        });
      }}
    >
      <h2>{t('sla.admin.new_policy')}</h2>
      <Status error={a.error} done={a.done} />
      <Field id="sla-name" label={t('sla.admin.name')}>
        <input id="sla-name" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field id="sla-brand" label={t('agent.admin.brand')}>
        <select id="sla-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          <option value="">{t('agent.admin.all_brands')}</option>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t('sla.admin.when_category')}</legend>
        {CATEGORIES.map((c) => (
          <label key={c} className="row">
            <input type="checkbox" checked={categories.includes(c)} onChange={() => setCategories(toggle(categories, c))} />
            {t(`agent.category.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('sla.admin.when_channel')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="row">
            <input type="checkbox" checked={channels.includes(c)} onChange={() => setChannels(toggle(channels, c))} />
            {t(`agent.channel.${c}`)}
          </label>
        ))}
      </fieldset>
      <table className="sla-targets">
        <caption>{t('sla.admin.targets_minutes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agent.ticket.priority')}</th>
            <th scope="col">{t('sla.metric.first_reply')}</th>
            <th scope="col">{t('sla.metric.next_reply')}</th>
            <th scope="col">{t('sla.metric.resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <th scope="row">{t(`agent.priority.${p}`)}</th>
              {(['first', 'next', 'resolution'] as const).map((k) => (
                <td key={k}>
                  <input
                    type="number"
                    min="0.1"
                    step="any"
                    aria-label={`${t(`agent.priority.${p}`)} ${t(`sla.metric.${k === 'first' ? 'first_reply' : k === 'next' ? 'next_reply' : 'resolution'}`)}`}
                    value={targets[p]![k]}
                    onChange={(e) => setTargets({ ...targets, [p]: { ...targets[p]!, [k]: e.target.value } })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="row">
        <input type="checkbox" checked={business} onChange={(e) => setBusiness(e.target.checked)} />
        {t('sla.admin.business_hours')}
      </label>
      <label className="row">
        <input type="checkbox" checked={onHold} onChange={(e) => setOnHold(e.target.checked)} />
        {t('sla.admin.on_hold_pauses')}
      </label>
      <Field id="sla-warn" label={t('sla.admin.warn_before')}>
        <input id="sla-warn" type="number" min="1" value={warn} onChange={(e) => setWarn(e.target.value)} />
      </Field>
      <label className="row">
        <input type="checkbox" checked={raise} onChange={(e) => setRaise(e.target.checked)} />
        {t('sla.admin.raise_on_breach')}
      </label>
      <button type="submit">{t('sla.admin.add_policy')}</button>
    </form>
  );
}

function CalendarCard({ brandId, brandName }: { brandId: string; brandName: string }) {
  const { t } = useLang();
  const a = useAction();
  const [cal, setCal] = useState<Calendar | null>(null);
  const [hours, setHours] = useState<Record<string, string>>({});
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [ical, setIcal] = useState('');
  const show = (c: Calendar) => {
    setCal(c);
    setHours(Object.fromEntries(DAYS.map((d) => [d, intervalsText(c.hours?.[d] as Array<[string, string]> | undefined)])));
    setHolidays(c.holidays.join('\n'));
    setWorkdays(c.workdays.join('\n'));
  };
  useEffect(() => void get<typeof contract.CalendarJson>(`/api/v1/brands/${brandId}/calendar`).then(show), [brandId]);
  if (!cal) return null;
  const save = (body: Static<typeof contract.CalendarPut>) =>
    a.run(async () => show(await put<typeof contract.CalendarJson, typeof contract.CalendarPut>(`/api/v1/brands/${brandId}/calendar`, body)));
  return (
    <fieldset className="card admin-form" data-calendar={brandId}>
      <legend>
        <strong>{brandName}</strong> <span className="muted">{t(`sla.admin.source.${cal.source}`)}</span>
      </legend>
      <Status error={a.error} done={a.done} />
      <Field id={`tz-${brandId}`} label={t('agent.admin.time_zone')}>
        <input id={`tz-${brandId}`} defaultValue={cal.time_zone} onBlur={(e) => e.target.value !== cal.time_zone && void save({ time_zone: e.target.value })} />
      </Field>
      <p className="muted">{t('sla.admin.hours_hint')}</p>
      {DAYS.map((d) => (
        <Field key={d} id={`h-${brandId}-${d}`} label={t(`sla.day.${d}`)}>
          <input id={`h-${brandId}-${d}`} value={hours[d] ?? ''} onChange={(e) => setHours({ ...hours, [d]: e.target.value })} placeholder="09:00-12:00, 13:00-18:00" />
        </Field>
      ))}
      <Field id={`hol-${brandId}`} label={t('sla.admin.holidays')}>
        <textarea id={`hol-${brandId}`} rows={4} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      </Field>
      <Field id={`wd-${brandId}`} label={t('sla.admin.workdays')}>
        <textarea id={`wd-${brandId}`} rows={3} value={workdays} onChange={(e) => setWorkdays(e.target.value)} />
      </Field>
      <div className="row">
        <button
          type="button"
          onClick={() =>
            void save({
              // No day with hours is "always open" (null), not "never open".
              hours: DAYS.some((d) => (hours[d] ?? '').trim()) ? Object.fromEntries(DAYS.filter((d) => (hours[d] ?? '').trim()).map((d) => [d, parseIntervals(hours[d]!)])) : null,
              holidays: dateList(holidays),
              workdays: dateList(workdays),
            })
          }
        >
          {t('common.save')}
        </button>
        <button type="button" className="secondary" onClick={() => void save({ add_lists: ['cn-2026'] })}>
          {t('sla.admin.add_cn_2026')}
        </button>
      </div>
      <Field id={`ical-${brandId}`} label={t('sla.admin.ical')}>
        <textarea id={`ical-${brandId}`} rows={3} value={ical} onChange={(e) => setIcal(e.target.value)} placeholder="BEGIN:VCALENDAR…" />
      </Field>
      <button
        type="button"
        className="secondary"
        disabled={!ical.trim()}
        onClick={() =>
          void a.run(async () => {
            const r = await post<typeof contract.CalendarImportResult, typeof contract.CalendarImport>(`/api/v1/brands/${brandId}/calendar/import`, { ical });
            show(r.calendar);
            setIcal('');
          }, t('sla.admin.imported', { holidays: 0, workdays: 0 }))
        }
      >
        {t('sla.admin.import')}
      </button>
    </fieldset>
  );
}

export function SlaAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const a = useAction();
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const load = useCallback(async () => setPolicies((await get<typeof contract.SlaPolicyList>('/api/v1/sla-policies')).policies), []);
  useEffect(() => void load(), [load]);
  const move = (i: number, by: number) =>
    a.run(async () => {
      const ids = policies!.map((p) => p.id);
      const [id] = ids.splice(i, 1);
      ids.splice(i + by, 0, id!);
      setPolicies((await put<typeof contract.SlaPolicyList, typeof contract.SlaPolicyOrder>('/api/v1/sla-policies/order', { ids })).policies);
    });
  return (
    <section>
      <h1>{t('sla.admin.title')}</h1>
      <p className="muted">{t('sla.admin.intro')}</p>
      <Status error={a.error} done={a.done} />
      <h2>{t('sla.admin.policies')}</h2>
      {policies?.length === 0 ? <p className="muted">{t('sla.admin.no_policies')}</p> : null}
      <ol className="sla-policies">
        {(policies ?? []).map((p, i) => (
          <li key={p.id} className="card" data-policy={p.id}>
            <div className="row spread">
              <strong>{p.name}</strong>
              <span className="muted">{p.brand_id ? desk.brands.find((b) => b.id === p.brand_id)?.name : t('agent.admin.all_brands')}</span>
            </div>
            <p className="muted">
              {PRIORITIES.filter((pr) => p.targets[pr])
                .map((pr) => `${t(`agent.priority.${pr}`)}: ${minutes(p.targets[pr]!.first_reply_s)} / ${minutes(p.targets[pr]!.next_reply_s)} / ${minutes(p.targets[pr]!.resolution_s)} min`)
                .join(' · ')}
            </p>
            <div className="row">
              <label className="row">
                <input
                  type="checkbox"
                  checked={p.enabled}
                  onChange={(e) => void a.run(async () => (await patch<typeof contract.SlaPolicyJson, typeof contract.SlaPolicyPatchBody>(`/api/v1/sla-policies/${p.id}`, { enabled: e.target.checked }), await load()))}
                />
                {t('sla.admin.enabled')}
              </label>
              <button type="button" className="secondary" disabled={i === 0} onClick={() => void move(i, -1)} aria-label={t('sla.admin.up', { name: p.name })}>
                ↑
              </button>
              <button type="button" className="secondary" disabled={i === policies!.length - 1} onClick={() => void move(i, 1)} aria-label={t('sla.admin.down', { name: p.name })}>
                ↓
              </button>
              <button type="button" className="secondary" onClick={() => void a.run(async () => (await del(`/api/v1/sla-policies/${p.id}`), await load()))}>
                {t('sla.admin.delete')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <PolicyForm onSaved={load} />
      <h2>{t('sla.admin.calendars')}</h2>
      {desk.brands.map((b) => (
        <CalendarCard key={b.id} brandId={b.id} brandName={b.name} />
      ))}
    </section>
  );
}
