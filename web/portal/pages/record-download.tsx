/**
 * The status page's "download the record" (issue 18): the signed record of the conversation as PDF or HTML, in
 * the customer's language. The status token travels in a header (never a URL): fetched, then handed to the
 * browser as a local file.
 */
import { useState } from 'react';
import { useLang } from '../../shared/i18n';

async function save(token: string, format: 'pdf' | 'html'): Promise<void> {
  const res = await fetch(`/api/v1/portal/record?format=${format}`, { headers: { 'x-portal-token': token } });
  if (!res.ok) throw new Error(String(res.status));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `walletdesk-record.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RecordDownload({ token }: { token: string }) {
  const { t } = useLang();
  const [failed, setFailed] = useState(false);
  const run = (format: 'pdf' | 'html') => {
    setFailed(false);
    void save(token, format).catch(() => setFailed(true));
  };
  return (
    <section className="record-download" aria-labelledby="record-title" data-slot="record-download">
      <h2 id="record-title">{t('record.portal_title')}</h2>
      <p className="muted">{t('record.portal_hint')}</p>
      <p className="row">
        <button type="button" className="secondary" onClick={() => run('pdf')}>
          {t('record.download_pdf')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => run('html')}>
          {t('record.download_html')}
        </button>
      </p>
      {failed ? (
        <p className="error" role="alert">
          {t('common.unknown_error')}
        </p>
      ) : null}
    </section>
  );
}
