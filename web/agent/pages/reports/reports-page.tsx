/**
 * Reports (/agent/reports) for supervisors and admins: the live view (queues per view and team, agents online,
 * the oldest tickets waiting, tickets about to breach) and the report over a time range (/api/v1/reports/full:
 * response and resolution times, rates, CSAT, SLA achievement, volumes and backlog as charts, each table
 * downloadable as CSV). The server checks the role too.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { get, qs } from '../../../shared/api';
import { formatTime, useLang, type T } from '../../../shared/i18n';
import { ChartView } from '../../parts/chart';
import { SelfServiceCard } from './self-service-card';
import { useDesk, useNotices } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Link } from '../../parts/link';
import { CHANNELS, type contract } from '../../types';
import type { Static } from '@sinclair/typebox';

type FullReport = Static<typeof contract.FullReportJson>;
type LiveOverview = Static<typeof contract.LiveOverviewJson>;
type Row = { key: string; count: number };

const LIVE_REFRESH_MS = 30_000;
const DAY_MS = 86_400_000;

/** 95 → "1 min 35 s"; 7,380 → "2 h 3 min"; 200,000 → "2 d 7 h". */
export function duration(t: T, seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t('reports.unit.s', { n: s });
  if (s < 3600) return t('reports.unit.min_s', { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86_400) return t('reports.unit.h_min', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t('reports.unit.d_h', { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
}

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const day = (d: Date) => d.toISOString().slice(0, 10);

export function ReportsPage({ tab }: { tab: string }) {
  const { t } = useLang();
  const desk = useDesk();
  if (desk.me.agent.role === 'agent') return <p className="card error">{t('reports.forbidden')}</p>;
  return (
    <section className="reports">
      <div className="row spread">
        <h1>{t('reports.title')}</h1>
        <nav className="tabs" aria-label={t('reports.title')}>
          <Link to="/agent/reports/live" aria-current={tab === 'live' ? 'page' : undefined}>
            {t('reports.tab.live')}
          </Link>
          <Link to="/agent/reports" aria-current={tab !== 'live' ? 'page' : undefined}>
            {t('reports.tab.report')}
          </Link>
        </nav>
      </div>
      {tab === 'live' ? <LiveView /> : <RangeReport />}
    </section>
  );
}

function LiveView() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [data, setData] = useState<LiveOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    get<typeof contract.LiveOverviewJson>('/api/v1/reports/live')
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((err) => setError(errorText(t, err)));
  }, [t]);
  useEffect(() => {
    load();
    const timer = setInterval(load, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useNotices(load, 1000);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t('common.loading')}</p>;
  const brand = (id: string) => desk.brands.find((b) => b.id === id)?.name ?? '';
  return (
    <div className="report-grid" data-live-view>
      <div className="card">
        <h2>{t('reports.live.queues')}</h2>
        <dl className="stat-list">
          {data.views.map((v) => (
            <div key={v.id}>
              <dt>{t(`agent.view.${v.id}`)}</dt>
              <dd data-live-queue={v.id}>{v.count}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="card">
        <h2>{t('reports.live.teams')}</h2>
        {data.teams.length ? (
          <ChartView type="bar" horizontal label={t('reports.live.teams')} labels={data.teams.map((x) => x.name ?? t('reports.live.no_team'))} series={[{ label: t('reports.live.unsolved'), data: data.teams.map((x) => x.count) }]} height={Math.max(120, 40 * data.teams.length)} />
        ) : (
          <p className="muted">{t('reports.none')}</p>
        )}
      </div>
      <div className="card">
        <h2>{t('reports.live.agents_online', { count: data.agents_online.length })}</h2>
        <ul className="plain">
          {data.agents_online.map((a) => (
            <li key={a.id}>{a.name}</li>
          ))}
        </ul>
      </div>
      <div className="card wide">
        <h2>{t('reports.live.oldest_waiting')}</h2>
        {data.oldest_waiting.length ? (
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('reports.col.brand')}</th>
                <th>{t('reports.col.channel')}</th>
                <th>{t('reports.col.created')}</th>
                <th>{t('reports.col.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {data.oldest_waiting.map((x) => (
                <tr key={x.id}>
                  <td>
                    <Link to={`/agent/tickets/${x.number}`}>#{x.number}</Link>
                  </td>
                  <td>{brand(x.brand_id)}</td>
                  <td>{t(`agent.channel.${x.channel}`)}</td>
                  <td>{formatTime(x.created_at, lang)}</td>
                  <td className="num">{duration(t, x.waiting_s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('reports.live.nobody_waiting')}</p>
        )}
      </div>
      <div className="card wide">
        <h2>{t('reports.live.about_to_breach')}</h2>
        {data.about_to_breach.length ? (
          <ul className="plain">
            {data.about_to_breach.map((x) => (
              <li key={`${x.ticket_id}:${x.metric}`}>
                <Link to={`/agent/tickets/${x.number ?? x.ticket_id}`}>#{x.number ?? '?'}</Link> {t(`reports.sla.${x.metric}`)} · {formatTime(x.due_at, lang)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('reports.live.none_breaching')}</p>
        )}
      </div>
    </div>
  );
}

interface Filters {
  from: string;
  to: string;
  brand_id: string;
  channel: string;
  team_id: string;
  agent_id: string;
}

function RangeReport() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const today = new Date();
  const [draft, setDraft] = useState<Filters>(() => ({ from: day(new Date(today.getTime() - 29 * DAY_MS)), to: day(today), brand_id: '', channel: '', team_id: '', agent_id: '' }));
  const [filters, setFilters] = useState<Filters>(draft);
  const [report, setReport] = useState<FullReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // `to` is a day the user includes: the API's `to` is exclusive, so ask up to the next midnight.
  const params = useMemo(() => {
    const to = filters.to ? day(new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS)) : undefined;
    return { from: filters.from || undefined, to, brand_id: filters.brand_id || undefined, channel: filters.channel || undefined, team_id: filters.team_id || undefined, agent_id: filters.agent_id || undefined };
  }, [filters]);
  useEffect(() => {
    setBusy(true);
    get<typeof contract.FullReportJson>(`/api/v1/reports/full${qs(params)}`)
      .then((r) => {
        setReport(r);
        setError(null);
      })
      .catch((err) => setError(errorText(t, err)))
      .finally(() => setBusy(false));
  }, [params, t]);
  const csv = (table: string) => `/api/v1/reports/full.csv${qs({ ...params, table })}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const named = (rows: Row[], name: (k: string) => string) => rows.map((r) => ({ key: name(r.key), count: r.count }));

  return (
    <>
      <form className="report-filters card" onSubmit={submit} aria-label={t('reports.filters')}>
        <div className="field">
          <label htmlFor="r-from">{t('reports.from')}</label>
          <input id="r-from" type="date" value={draft.from} onChange={set('from')} required />
        </div>
        <div className="field">
          <label htmlFor="r-to">{t('reports.to')}</label>
          <input id="r-to" type="date" value={draft.to} onChange={set('to')} required />
        </div>
        <div className="field">
          <label htmlFor="r-brand">{t('reports.col.brand')}</label>
          <select id="r-brand" value={draft.brand_id} onChange={set('brand_id')}>
            <option value="">{t('reports.any')}</option>
            {desk.brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-channel">{t('reports.col.channel')}</label>
          <select id="r-channel" value={draft.channel} onChange={set('channel')}>
            <option value="">{t('reports.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`agent.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-team">{t('reports.col.team')}</label>
          <select id="r-team" value={draft.team_id} onChange={set('team_id')}>
            <option value="">{t('reports.any')}</option>
            {desk.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-agent">{t('reports.col.agent')}</label>
          <select id="r-agent" value={draft.agent_id} onChange={set('agent_id')}>
            <option value="">{t('reports.any')}</option>
            {desk.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {t('reports.apply')}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <div className="report-grid" data-report aria-busy={busy}>
          <div className="card wide">
            <div className="row spread">
              <h2>{t('reports.summary')}</h2>
              <a href={csv('summary')} download>
                {t('reports.csv')}
              </a>
            </div>
            <dl className="stat-list">
              <Stat label={t('reports.m.created')} value={String(report.tickets.created)} id="created" />
              <Stat label={t('reports.m.solved')} value={String(report.tickets.solved)} id="solved" />
              <Stat label={t('reports.m.first_reply')} value={`${duration(t, report.first_reply.median_s)} / ${duration(t, report.first_reply.p90_s)}`} id="first_reply" />
              <Stat label={t('reports.m.resolution')} value={`${duration(t, report.resolution.median_s)} / ${duration(t, report.resolution.p90_s)}`} id="resolution" />
              {report.first_reply_business.count > 0 ? (
                <Stat label={t('reports.m.first_reply_business')} value={`${duration(t, report.first_reply_business.median_s)} / ${duration(t, report.first_reply_business.p90_s)}`} id="first_reply_business" />
              ) : null}
              {report.resolution_business.count > 0 ? (
                <Stat label={t('reports.m.resolution_business')} value={`${duration(t, report.resolution_business.median_s)} / ${duration(t, report.resolution_business.p90_s)}`} id="resolution_business" />
              ) : null}
              <Stat label={t('reports.m.resolution_rate')} value={percent(report.resolution_rate)} id="resolution_rate" />
              <Stat label={t('reports.m.one_touch')} value={percent(report.one_touch_rate)} id="one_touch" />
              <Stat label={t('reports.m.reopen')} value={percent(report.reopen_rate)} id="reopen" />
              <Stat label={t('reports.m.fcr')} value={percent(report.first_contact_resolution_rate)} id="fcr" />
              <Stat label={t('reports.m.csat')} value={`${percent(report.csat.score)} (${t('reports.m.csat_counts', { good: report.csat.good, bad: report.csat.bad })})`} id="csat" />
              <Stat label={t('reports.m.response_rate')} value={percent(report.csat.response_rate)} id="response_rate" />
            </dl>
            <p className="muted small">{t('reports.median_p90')}</p>
          </div>
          <SelfServiceCard from={params.from} to={params.to} brandId={params.brand_id} />
          <ChartCard title={t('reports.backlog')} csvHref={csv('backlog')} wide rows={report.backlog.map((b) => ({ key: b.date, count: b.count }))} type="line" />
          <ChartCard title={t('reports.by.channel')} csvHref={csv('channel')} rows={named(report.volume.channel, (k) => t(`agent.channel.${k}`))} type="bar" />
          <ChartCard title={t('reports.by.category')} csvHref={csv('category')} rows={named(report.volume.category, (k) => t(`agent.category.${k}`))} type="bar" />
          <ChartCard title={t('reports.by.priority')} csvHref={csv('priority')} rows={named(report.volume.priority, (k) => t(`agent.priority.${k}`))} type="doughnut" />
          <ChartCard title={t('reports.by.brand')} csvHref={csv('brand')} rows={named(report.volume.brand, (k) => report.brands[k] ?? k)} type="bar" />
          <ChartCard title={t('reports.by.hour')} csvHref={csv('hour')} wide rows={report.volume.hour} type="bar" />
          <div className="card">
            <div className="row spread">
              <h2>{t('reports.sla.title')}</h2>
              <a href={csv('sla')} download>
                {t('reports.csv')}
              </a>
            </div>
            {report.sla.some((s) => s.fulfilled + s.breached > 0) ? (
              <ChartView
                type="bar"
                label={t('reports.sla.title')}
                labels={report.sla.map((s) => t(`reports.sla.${s.metric}`))}
                series={[
                  { label: t('reports.sla.fulfilled'), data: report.sla.map((s) => s.fulfilled), colour: '#2da44e' },
                  { label: t('reports.sla.breached'), data: report.sla.map((s) => s.breached), colour: '#cf222e' },
                ]}
              />
            ) : (
              <p className="muted">{t('reports.sla.none')}</p>
            )}
            <table>
              <tbody>
                {report.sla.map((s) => (
                  <tr key={s.metric}>
                    <th scope="row">{t(`reports.sla.${s.metric}`)}</th>
                    <td className="num">{percent(s.achievement)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <div className="row spread">
              <h2>{t('reports.csat.title')}</h2>
              <a href={csv('csat_reasons')} download>
                {t('reports.csv')}
              </a>
            </div>
            {report.csat.good + report.csat.bad > 0 ? (
              <ChartView type="doughnut" label={t('reports.csat.title')} colours={['#2da44e', '#cf222e']} labels={[t('reports.csat.good'), t('reports.csat.bad')]} series={[{ label: t('reports.csat.title'), data: [report.csat.good, report.csat.bad] }]} />
            ) : (
              <p className="muted">{t('reports.csat.none')}</p>
            )}
            <ul className="plain">
              {report.csat.reasons.map((r) => (
                <li key={r.key}>
                  {t(`csat.reason.${r.key}`)}: {r.count}
                </li>
              ))}
            </ul>
          </div>
          <div className="card wide">
            <div className="row spread">
              <h2>{t('reports.comments')}</h2>
              <a href={csv('comments')} download>
                {t('reports.csv')}
              </a>
            </div>
            {report.comments.length ? (
              <table>
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{t('reports.csat.rating')}</th>
                    <th>{t('reports.csat.reason')}</th>
                    <th>{t('reports.csat.comment')}</th>
                    <th>{t('reports.col.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.comments.map((c) => (
                    <tr key={`${c.ticket_id}:${c.rated_at}`}>
                      <td>{c.ticket_number ? <Link to={`/agent/tickets/${c.ticket_number}`}>#{c.ticket_number}</Link> : null}</td>
                      <td>{t(`reports.csat.${c.rating}`)}</td>
                      <td>{c.reason ? t(`csat.reason.${c.reason}`) : ''}</td>
                      <td className="body-text">{c.comment ?? ''}</td>
                      <td>{formatTime(c.rated_at, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">{t('reports.csat.none')}</p>
            )}
          </div>
        </div>
      )}
    </>
  );
}

function Stat({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-metric={id}>{value}</dd>
    </div>
  );
}

function ChartCard({ title, rows, type, csvHref, wide = false }: { title: string; rows: Row[]; type: 'bar' | 'line' | 'doughnut'; csvHref: string; wide?: boolean }) {
  const { t } = useLang();
  return (
    <div className={wide ? 'card wide' : 'card'}>
      <div className="row spread">
        <h2>{title}</h2>
        <a href={csvHref} download>
          {t('reports.csv')}
        </a>
      </div>
      {rows.some((r) => r.count > 0) ? <ChartView type={type} label={title} labels={rows.map((r) => r.key)} series={[{ label: title, data: rows.map((r) => r.count) }]} /> : <p className="muted">{t('reports.none')}</p>}
    </div>
  );
}
