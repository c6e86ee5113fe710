/**
 * Admin → Phone line: per brand, the numbers that ring the hotline (channel accounts and the brand's own
 * numbers, edited in Admin → Channels), its opening hours and holidays — the brand's business calendar when one is
 * saved (Admin → SLA), else the line's own —, how many callers may wait, emergencies after hours and the
 * language menu. Reads GET /calls/settings/:brand_id and saves with PATCH (docs/phone.md).
 */
import { useEffect, useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { Link } from '../../parts/link';
import { get, patch } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Field, Status, useAction } from '../../parts/forms';
import type { contract } from '../../types';

type Settings = Static<typeof contract.PhoneSettingsJson>;
type Calendar = Static<typeof contract.CalendarJson>;
type Brand = Static<typeof contract.BrandDetailJson>;
type Account = Static<typeof contract.ChannelAccountJson>;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const intervalsText = (xs: ReadonlyArray<readonly string[]> | undefined) => (xs ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
/** "09:00-12:00, 13:00-18:00" → [["09:00","12:00"],["13:00","18:00"]]; null when it is not that shape. */
function parseIntervals(text: string): Array<[string, string]> | null {
  const parts = text.split(/[,，;]+/).map((p) => p.trim()).filter(Boolean);
  const out: Array<[string, string]> = [];
  for (const part of parts) {
    const [a, b, extra] = part.split(/\s*[-–~]\s*/);
    if (!a || !b || extra !== undefined || !TIME.test(a) || !TIME.test(b)) return null;
    out.push([a, b]);
  }
  return out;
}

export function PhoneLineAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [brandId, setBrandId] = useState(desk.brands[0]?.id ?? '');
  const [loaded, setLoaded] = useState<{ settings: Settings; calendar: Calendar; brand: Brand; accounts: Account[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState({ hours: {} as Record<string, string>, holidays: '', max_queue: '', emergency_after_hours: true, ivr_language: '' });
  const [badDay, setBadDay] = useState<string | null>(null);
  const a = useAction();

  // Opened by its address, the page may render before the desk's brands are loaded: pick the first once they are.
  useEffect(() => {
    if (!brandId && desk.brands[0]) setBrandId(desk.brands[0].id);
  }, [brandId, desk.brands]);

  const fill = (settings: Settings) =>
    setForm({
      hours: Object.fromEntries(DAYS.map((d) => [d, intervalsText(settings.hours?.[d] as ReadonlyArray<readonly string[]> | undefined)])),
      holidays: settings.holidays.join(' '),
      max_queue: String(settings.max_queue),
      emergency_after_hours: settings.emergency_after_hours,
      ivr_language: settings.ivr_language ?? '',
    });

  useEffect(() => {
    setLoaded(null);
    setLoadError(null);
    if (!brandId) return;
    let current = true;
    Promise.all([
      get<Settings>(`/api/v1/calls/settings/${brandId}`),
      get<Calendar>(`/api/v1/brands/${brandId}/calendar`),
      get<Brand>(`/api/v1/brands/${brandId}`),
      get<{ accounts: Account[] }>(`/api/v1/channel-accounts?brand_id=${encodeURIComponent(brandId)}`),
    ])
      .then(([settings, calendar, brand, accounts]) => {
        if (!current) return;
        setLoaded({ settings, calendar, brand, accounts: accounts.accounts.filter((x) => x.kind === 'phone') });
        fill(settings);
      })
      .catch((err: unknown) => current && setLoadError(errorText(t, err)));
    return () => {
      current = false;
    };
  }, [brandId]);

  if (desk.me.agent.role !== 'admin') return <p className="error">{t('phone_line.admins_only')}</p>;
  const fromCalendar = loaded?.calendar.source === 'calendar';

  const save = () => {
    const body: Static<typeof contract.PhoneSettingsPatch> = {
      holidays: form.holidays.split(/[\s,，]+/).filter(Boolean),
      max_queue: Number(form.max_queue),
      emergency_after_hours: form.emergency_after_hours,
      ivr_language: form.ivr_language === 'zh-CN' || form.ivr_language === 'en' ? form.ivr_language : null,
    };
    if (!fromCalendar) {
      const hours: Record<string, Array<[string, string]>> = {};
      for (const d of DAYS) {
        const parsed = parseIntervals(form.hours[d] ?? '');
        if (parsed === null) {
          setBadDay(d);
          return;
        }
        if (parsed.length) hours[d] = parsed;
      }
      body.hours = Object.keys(hours).length ? (hours as Settings['hours']) : null;
    } else {
      delete body.holidays;
    }
    setBadDay(null);
    void a.run(async () => {
      const saved = await patch<Settings, typeof body>(`/api/v1/calls/settings/${brandId}`, body);
      setLoaded((l) => (l ? { ...l, settings: saved } : l));
      fill(saved);
    });
  };

  const numbers = loaded
    ? [
        ...loaded.accounts.map((acc) => ({
          number: String(acc.settings.number ?? ''),
          text: t(acc.enabled ? 'phone_line.numbers_account' : 'phone_line.numbers_account_off', { number: String(acc.settings.number ?? ''), name: acc.name }),
        })),
        ...loaded.brand.phone_numbers
          .filter((n) => !loaded.accounts.some((acc) => acc.settings.number === n))
          .map((n) => ({ number: n, text: t('phone_line.numbers_brand', { number: n }) })),
      ]
    : [];

  return (
    <section aria-labelledby="phone-line-title">
      <h1 id="phone-line-title">{t('phone_line.nav')}</h1>
      <p className="muted">{t('phone_line.intro')}</p>
      <Status error={a.error ?? loadError} done={a.done} />
      <Field id="pl-brand" label={t('agent.admin.brand')}>
        <select id="pl-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      {loaded === null ? (
        loadError ? null : (
          <p aria-busy="true">{t('common.loading')}</p>
        )
      ) : (
        <>
          <section className="card admin-form" aria-labelledby="pl-numbers-title">
            <h2 id="pl-numbers-title">{t('phone_line.numbers_title')}</h2>
            {numbers.length === 0 ? (
              <p className="muted">{t('phone_line.numbers_none')}</p>
            ) : (
              <ul data-phone-numbers>
                {numbers.map((n) => (
                  <li key={n.number} className="mono-number">
                    {n.text}
                  </li>
                ))}
              </ul>
            )}
            <Link to="/agent/admin/channel-accounts">{t('phone_line.numbers_edit')}</Link>
          </section>
          <form
            className="card admin-form"
            data-phone-line={brandId}
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <h2>{t('phone_line.hours_title', { zone: loaded.calendar.time_zone })}</h2>
            {fromCalendar ? (
              <>
                <p className="hint" data-hours-source="calendar">
                  {t('phone_line.hours_calendar')} <Link to="/agent/admin/sla">{t('phone_line.hours_calendar_link')}</Link>
                </p>
                <dl className="phone-line-week">
                  {DAYS.map((d) => (
                    <div key={d} className="row">
                      <dt>{t(`sla.day.${d}`)}</dt>
                      <dd>{loaded.calendar.hours === null ? t('phone_line.always_open') : intervalsText(loaded.calendar.hours[d] as ReadonlyArray<readonly string[]> | undefined) || t('phone_line.closed')}</dd>
                    </div>
                  ))}
                  {loaded.calendar.holidays.length ? (
                    <div className="row">
                      <dt>{t('phone_line.holidays')}</dt>
                      <dd>{loaded.calendar.holidays.join(', ')}</dd>
                    </div>
                  ) : null}
                </dl>
              </>
            ) : (
              <>
                <p className="hint" id="pl-hours-hint">
                  {t('phone_line.hours_hint')}
                </p>
                {DAYS.map((d) => (
                  <Field key={d} id={`pl-h-${d}`} label={t(`sla.day.${d}`)}>
                    <input
                      id={`pl-h-${d}`}
                      value={form.hours[d] ?? ''}
                      onChange={(e) => setForm({ ...form, hours: { ...form.hours, [d]: e.target.value } })}
                      // Every day empty is a line that never closes; once one day has hours, an empty day is closed.
                      placeholder={DAYS.some((x) => (form.hours[x] ?? '').trim()) ? t('phone_line.closed') : t('phone_line.always_open')}
                      aria-describedby="pl-hours-hint"
                      aria-invalid={badDay === d ? true : undefined}
                    />
                  </Field>
                ))}
                {badDay ? (
                  <p className="error" role="alert">
                    {t('phone_line.bad_hours', { day: t(`sla.day.${badDay}`) })}
                  </p>
                ) : null}
                <Field id="pl-holidays" label={t('phone_line.holidays')}>
                  <input id="pl-holidays" value={form.holidays} onChange={(e) => setForm({ ...form, holidays: e.target.value })} placeholder="2026-10-01" aria-describedby="pl-holidays-hint" />
                  <span className="hint" id="pl-holidays-hint">
                    {t('phone_line.holidays_hint')}
                  </span>
                </Field>
              </>
            )}
            <Field id="pl-max" label={t('phone_line.max_queue')}>
              <input id="pl-max" type="number" inputMode="numeric" min={0} max={1000} step={1} required value={form.max_queue} onChange={(e) => setForm({ ...form, max_queue: e.target.value })} aria-describedby="pl-max-hint" />
              <span className="hint" id="pl-max-hint">
                {t('phone_line.max_queue_hint')}
              </span>
            </Field>
            <label className="row check phone-line-check">
              <input type="checkbox" checked={form.emergency_after_hours} onChange={(e) => setForm({ ...form, emergency_after_hours: e.target.checked })} />
              <span>{t('phone_line.emergency_after_hours')}</span>
            </label>
            <Field id="pl-ivr" label={t('phone_line.ivr_language')}>
              <select id="pl-ivr" value={form.ivr_language} onChange={(e) => setForm({ ...form, ivr_language: e.target.value })}>
                <option value="">{t('phone_line.ivr_ask')}</option>
                <option value="zh-CN">{t('phone_line.ivr_zh')}</option>
                <option value="en">{t('phone_line.ivr_en')}</option>
              </select>
            </Field>
            <button type="submit">{t('common.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
