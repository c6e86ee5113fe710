/**
 * The Reports page's self-service card (issue 17): of the help attempts shown suggested articles — in the help
 * center's request form and in the chat widget — how many opened one and sent nothing (GET
 * /api/v1/reports/self-service), in total and per surface.
 */
import { useEffect, useState } from 'react';
import { get, qs, type Answer } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import './self-service.css';
import type { contract } from '../../types';

type Report = Answer<typeof contract.SelfServiceReport>;

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

export function SelfServiceCard({ from, to, brandId }: { from?: string | undefined; to?: string | undefined; brandId?: string | undefined }) {
  const { t, lang } = useLang();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<typeof contract.SelfServiceReport>(`/api/v1/reports/self-service${qs({ from, to, brand_id: brandId })}`)
      .then((r) => {
        setReport(r);
        setError(null);
      })
      .catch((err) => setError(errorText(t, err)));
  }, [from, to, brandId, lang]);
  return (
    <div className="card wide" data-self-service>
      <h2>{t('answers.self_service.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : !report ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : report.shown === 0 ? (
        <p className="muted">{t('answers.self_service.none')}</p>
      ) : (
        <>
          <p className="big-number" data-metric="self_service_rate">
            {percent(report.rate)}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('answers.self_service.surface')}</th>
                <th scope="col">{t('answers.self_service.shown')}</th>
                <th scope="col">{t('answers.self_service.opened')}</th>
                <th scope="col">{t('answers.self_service.deflected')}</th>
                <th scope="col">{t('answers.self_service.sent')}</th>
                <th scope="col">{t('answers.self_service.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {(['help_form', 'chat'] as const).map((s) => {
                const c = report.by_surface[s];
                return (
                  <tr key={s} data-surface={s}>
                    <th scope="row">{t(`answers.self_service.${s}`)}</th>
                    <td className="num">{c.shown}</td>
                    <td className="num">{c.opened}</td>
                    <td className="num">{c.deflected}</td>
                    <td className="num">{c.sent}</td>
                    <td className="num">{percent(c.rate)}</td>
                  </tr>
                );
              })}
              <tr data-surface="total">
                <th scope="row">{t('answers.self_service.total')}</th>
                <td className="num">{report.shown}</td>
                <td className="num">{report.opened}</td>
                <td className="num">{report.deflected}</td>
                <td className="num">{report.sent}</td>
                <td className="num">{percent(report.rate)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted small">{t('answers.self_service.explain')}</p>
        </>
      )}
    </div>
  );
}
