/**
 * Official channels over HTTP: the admin API (per-brand registry, import/export), the public verifier
 * (/verify page and /api/v1/public/verify) and the signed manifest at /.well-known/walletdesk-channels.json.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {} from '@fastify/swagger';
import { notFound } from '../../core/errors.js';
import { canSeeBrand } from '../../core/policy.js';
import type { Brand } from '../../core/people.js';
import {
  brandManifest,
  exportOfficialChannels,
  importOfficialChannels,
  officialChannelsOf,
  publicKeyOf,
  setOfficialChannels,
  verifyChannel,
  type OfficialChannelsCache,
} from '../../app/official-channels.js';
import type { RegistryBrand } from '../../verify/index.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { t as text } from '../../i18n/index.js';
import { escapeHtml, otherLang, page, pickLang, stringsFor, type PageLang } from '../pages/html.js';
import { ChannelsDoc, ChannelsImport, ChannelsImported, IdParams, PublicChannels, PublicChannelsQuery, VerifyJson, VerifyQuery, errors } from '../../contract/index.js';

async function publicList(deps: HttpDeps, cache: OfficialChannelsCache, brandId?: string) {
  const list = await officialChannelsOf(cache, brandId);
  return Promise.all(
    list.map(async ({ brand, entry }) => ({
      slug: brand.slug,
      name: brand.name,
      domains: entry.domains,
      emails: entry.emails,
      phones: entry.phones,
      handles: entry.handles.map((h) => ({ platform: h.platform, handle: h.handle })),
      app_ids: entry.app_ids ?? [],
      key_fingerprint: (await publicKeyOf(deps, brand.id)).fingerprint,
    })),
  );
}

/** Admin and agent API, inside the authenticated /api/v1 context, plus the public verifier endpoints. */
export const officialChannelApiRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps; cache: OfficialChannelsCache }> = async (app, { deps, cache }) => {
  app.get(
    '/brands/:id/channels',
    { schema: { tags: ['official channels'], params: IdParams, response: { 200: ChannelsDoc, ...errors(401, 404) } } },
    async (request) => {
      const principal = principalOf(request);
      if (!canSeeBrand(principal, request.params.id) || !(await deps.store.brands.get(request.params.id))) throw notFound('Brand');
      const stored = await deps.store.officialChannels.get(request.params.id);
      return stored?.doc ?? { domains: [], emails: [], phones: [], handles: [] };
    },
  );
  app.put(
    '/brands/:id/channels',
    {
      schema: {
        tags: ['official channels'],
        summary: "Replace a brand's official channels (its support addresses are always included)",
        params: IdParams,
        body: ChannelsDoc,
        response: { 200: ChannelsDoc, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const doc = await setOfficialChannels(deps, principalOf(request), request.params.id, request.body);
      cache.invalidate();
      return doc;
    },
  );
  app.get('/channels/export', { schema: { tags: ['official channels'], response: { 200: Type.Any(), ...errors(401) } } }, async (request) => {
    principalOf(request);
    return exportOfficialChannels(deps);
  });
  app.post(
    '/channels/import',
    { schema: { tags: ['official channels'], body: ChannelsImport, response: { 200: ChannelsImported, ...errors(400, 401, 403, 409) } } },
    async (request) => {
      const n = await importOfficialChannels(deps, principalOf(request), request.body);
      cache.invalidate();
      return { brands: n };
    },
  );

  app.get(
    '/public/verify',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['official channels'],
        summary: 'Check a link, phone number, e-mail address or account against the official channels (no sign-in)',
        querystring: VerifyQuery,
        response: { 200: VerifyJson, ...errors(400, 429) },
      },
    },
    async (request) => {
      const v = await verifyChannel(cache, request.query.value);
      return { verdict: v.verdict, kind: v.kind, brand: v.brandInfo, reason: v.reason, matched: v.matched ?? null };
    },
  );
  app.get(
    '/public/channels',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['official channels'],
        summary: 'The official channels of every brand, or of one (?brand=slug)',
        querystring: PublicChannelsQuery,
        response: { 200: PublicChannels, ...errors(404) },
      },
    },
    async (request) => {
      let brandId: string | undefined;
      if (request.query.brand) {
        const brand = await deps.store.brands.getBySlug(request.query.brand);
        if (!brand) throw notFound('Brand');
        brandId = brand.id;
      }
      return { brands: await publicList(deps, cache, brandId) };
    },
  );
};

function channelsHtml(lang: PageLang, list: Array<{ brand: Brand; entry: RegistryBrand; fingerprint: string }>): string {
  const t = stringsFor(lang).verify;
  if (list.length === 0) return `<p class="muted">${escapeHtml(t.none)}</p>`;
  const section = (title: string, items: string[]) =>
    items.length ? `<h3>${escapeHtml(title)}</h3><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';
  return list
    .map(
      ({ brand, entry, fingerprint }) => `<section class="channels"><h2>${escapeHtml(brand.name)}</h2>
${section(t.domains, entry.domains)}${section(t.emails, entry.emails)}${section(t.phones, entry.phones)}${section(
        t.handles,
        entry.handles.map((h) => `${h.platform}: ${h.handle}`),
      )}${section(t.apps, (entry.app_ids ?? []).map((a) => `${a.store}: ${a.id}`))}
<p class="muted">${escapeHtml(t.key)}: <code>${escapeHtml(fingerprint)}</code> · <a href="/.well-known/walletdesk-channels.json?brand=${encodeURIComponent(brand.slug)}">${escapeHtml(t.manifest)}</a></p></section>`,
    )
    .join('\n');
}

/** The public pages: /verify (no script, works on any phone) and the signed manifest. */
export const verifyPageRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps; cache: OfficialChannelsCache }> = async (app, { deps, cache }) => {
  app.get(
    '/verify',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { hide: true, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 2048 })), lang: Type.Optional(Type.String({ maxLength: 10 })) }) },
    },
    async (request, reply) => {
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = stringsFor(lang).verify;
      const q = request.query.q?.trim() ?? '';
      let result = '';
      let focus: string | undefined;
      if (q !== '') {
        const v = await verifyChannel(cache, q);
        focus = v.verdict !== 'unknown' ? (v.brandInfo?.id ?? undefined) : undefined;
        const brandName = v.brandInfo?.name ?? '';
        result = `<div class="verdict ${v.verdict}" role="status">${escapeHtml(text(lang, `page.verify.${v.verdict}`, { brand: brandName }))}<small>${escapeHtml(q)} — ${escapeHtml(v.reason[lang])}</small></div>`;
      }
      const list = await officialChannelsOf(cache, focus);
      const withKeys = await Promise.all(list.map(async (x) => ({ ...x, fingerprint: (await publicKeyOf(deps, x.brand.id)).fingerprint })));
      const other = otherLang(lang);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return page(
        lang,
        t.title,
        `<a class="lang" href="/verify?lang=${other}${q ? `&amp;q=${encodeURIComponent(q)}` : ''}">${escapeHtml(stringsFor(lang).lang.switch)}</a>
<h1>${escapeHtml(t.title)}</h1>
<p class="muted">${escapeHtml(t.intro)}</p>
<form method="get" action="/verify" class="search">
<input type="hidden" name="lang" value="${lang}">
<label for="q" class="visually-hidden">${escapeHtml(t.label)}</label>
<input id="q" name="q" value="${escapeHtml(q)}" placeholder="${escapeHtml(t.placeholder)}" maxlength="2048" autocomplete="off" autofocus>
<button type="submit">${escapeHtml(t.submit)}</button>
</form>
${result}
<p class="shield">${escapeHtml(t.never)}</p>
<h2>${escapeHtml(t.channels_title)}</h2>
${channelsHtml(lang, withKeys)}`,
      );
    },
  );

  app.get(
    '/.well-known/walletdesk-channels.json',
    { schema: { hide: true, querystring: Type.Object({ brand: Type.Optional(Type.String({ maxLength: 64 })) }) } },
    async (request, reply) => {
      let brand: Brand | null = null;
      if (request.query.brand) brand = await deps.store.brands.getBySlug(request.query.brand);
      else {
        // The brand whose official domain this request came to, else the first brand with channels.
        const host = (request.headers.host ?? '').split(':')[0]!.toLowerCase();
        const list = await officialChannelsOf(cache);
        brand = (list.find((x) => x.entry.domains.some((d) => host === d || host.endsWith(`.${d}`))) ?? list[0])?.brand ?? null;
      }
      if (!brand) throw notFound('Official channels');
      reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
      return brandManifest(deps, cache, brand);
    },
  );
};
