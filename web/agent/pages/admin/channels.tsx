/** Admin → Official channels: the registry customers and /verify check against. */
import { useEffect, useState } from 'react';
import { get, put } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { type ChannelsDoc, type contract } from '../../types';


const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
const pairs = (text: string): Array<[string, string]> =>
  lines(text).map((l) => {
    const cut = l.indexOf(':');
    return cut < 0 ? ['', l] : [l.slice(0, cut).trim().toLowerCase(), l.slice(cut + 1).trim()];
  });

/** The brand's official channels: what /verify, the manifest and the automatic answers to customers use. */
export function ChannelsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  // Opened by URL or reloaded, the page renders before the desk's brands arrive: the first brand is chosen once
  // they do, instead of staying empty (which loaded nothing and saved to /brands//channels).
  const [chosen, setBrandId] = useState('');
  const brandId = chosen || desk.brands[0]?.id || '';
  const [form, setForm] = useState({ domains: '', emails: '', phones: '', handles: '', apps: '', keywords: '' });
  const a = useAction();
  useEffect(() => {
    if (!brandId) return;
    get<ChannelsDoc>(`/api/v1/brands/${brandId}/channels`)
      .then((d) =>
        setForm({
          domains: d.domains.join('\n'),
          emails: d.emails.join('\n'),
          phones: d.phones.join('\n'),
          handles: d.handles.map((h) => `${h.platform}: ${h.handle}`).join('\n'),
          apps: (d.app_ids ?? []).map((x) => `${x.store}: ${x.id}`).join('\n'),
          keywords: (d.keywords ?? []).join('\n'),
        }),
      )
      .catch(() => undefined);
  }, [brandId]);
  const slug = desk.brands.find((b) => b.id === brandId)?.slug ?? '';
  const area = (key: keyof typeof form, label: string, hint: string) => (
    <Field id={`oc-${key}`} label={label}>
      <textarea id={`oc-${key}`} className="mono" rows={3} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} aria-describedby={`oc-${key}-hint`} />
      <span className="hint" id={`oc-${key}-hint`}>
        {hint}
      </span>
    </Field>
  );
  return (
    <section>
      <h1>{t('agent.admin.channels')}</h1>
      <p className="muted">{t('agent.admin.channels_intro')}</p>
      <Status error={a.error} done={a.done} />
      <Field id="oc-brand" label={t('agent.admin.brand')}>
        <select id="oc-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          // PUT replaces the whole document: the brand words go back too (absent, not empty, when there are none,
          // since any list of keywords replaces the marks derived from the brand's name and domains).
          const keywords = lines(form.keywords);
          void a.run(() =>
            put<typeof contract.ChannelsDoc, typeof contract.ChannelsDoc>(`/api/v1/brands/${brandId}/channels`, {
              domains: lines(form.domains),
              emails: lines(form.emails),
              phones: lines(form.phones),
              handles: pairs(form.handles).map(([platform, handle]) => ({ platform, handle })),
              app_ids: pairs(form.apps).map(([store, id]) => ({ store, id })),
              ...(keywords.length > 0 ? { keywords } : {}),
            }),
          );
        }}
      >
        {area('domains', t('agent.admin.channels_domains'), t('agent.admin.channels_one_per_line'))}
        {area('emails', t('agent.admin.channels_emails'), t('agent.admin.channels_one_per_line'))}
        {area('phones', t('agent.admin.channels_phones'), t('agent.admin.channels_phones_hint'))}
        {area('handles', t('agent.admin.channels_handles'), t('agent.admin.channels_handles_hint'))}
        {area('apps', t('agent.admin.channels_apps'), t('agent.admin.channels_apps_hint'))}
        {area('keywords', t('agent.admin.channels_keywords'), t('agent.admin.channels_keywords_hint'))}
        <button type="submit" disabled={!brandId}>
          {t('common.save')}
        </button>
      </form>
      <p>
        <a href="/verify">{t('agent.admin.channels_verify')}</a> · <a href={`/.well-known/walletdesk-channels.json?brand=${encodeURIComponent(slug)}`}>{t('agent.admin.channels_manifest')}</a>
      </p>
    </section>
  );
}
