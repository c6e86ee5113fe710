/**
 * `walletdesk demo`: a living demo desk in Chinese and English, built through the real use cases so every
 * ticket has its messages, history and search entries exactly as real traffic would leave them.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { newId } from '../core/ids.js';
import { ManualClock } from '../core/clock.js';
import { conflict } from '../core/errors.js';
import type { Agent, Brand } from '../core/people.js';
import type { Principal } from '../core/policy.js';
import type { TicketStatus } from '../core/ticket.js';
import type { Deps } from '../app/ports.js';
import { createBrand } from '../app/create-brand.js';
import { DEFAULT_BRAND_SLUG } from '../app/ensure-default-brand.js';
import { createAgent } from '../app/create-agent.js';
import { createTeam } from '../app/create-team.js';
import { ingestInbound } from '../app/ingest-inbound.js';
import { addAgentMessage } from '../app/add-agent-message.js';
import { updateTicket } from '../app/update-ticket.js';
import { ADDRESSES, CUSTOMER_NAMES, DEVICES, SCENARIOS, VERSIONS, type Scenario } from './demo-content.js';

/** Where the demo customers' addresses are, by the language they write in. */
const MAIL_DOMAINS = { 'zh-CN': 'mail.example.cn', en: 'mail.example.com' } as const;

export interface DemoResult {
  adminEmail: string;
  password: string;
  brands: number;
  agents: number;
  tickets: number;
}

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
const chance = (p: number) => Math.random() < p;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? '');
}

function principalOf(agent: Agent): Principal {
  return { agentId: agent.id, name: agent.name, role: agent.role, brandIds: agent.brandIds, tokenId: null };
}

export async function seedDemo(
  deps: Deps,
  options: { tickets: number; force?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<DemoResult> {
  if (await deps.store.brands.getBySlug('satoshi')) throw conflict('The demo is loaded in this database already.');
  // A demo mixed into a working desk puts made-up customers and agents among real ones: only on purpose.
  const real = await deps.store.tickets.count({});
  if (real > 0 && !options.force) {
    throw conflict(
      `This desk has ${real} ticket(s) already: the demo would add 2 brands, 6 agents and ${options.tickets} made-up tickets among them. ` +
        'Run it on a new database (DATA_DIR or DATABASE_URL), or pass --force to add it anyway.',
    );
  }
  const password = randomBytes(9).toString('base64url');
  const satoshiInput = {
    name: '聪钱包 Satoshi Wallet',
    slug: 'satoshi',
    default_language: 'zh-CN',
    time_zone: 'Asia/Shanghai',
    support_emails: ['help@satoshi-wallet.example'],
    phone_numbers: ['+86 10 8888 0000'],
  } as const;
  // A fresh install's placeholder brand becomes the first demo brand instead of lingering empty.
  const existing = await deps.store.brands.list();
  const placeholder = existing.length === 1 && existing[0]!.slug === DEFAULT_BRAND_SLUG ? existing[0]! : null;
  let satoshi: Brand;
  if (placeholder) {
    const at = deps.clock.now().toISOString();
    await deps.store.brands.update(placeholder.id, { name: satoshiInput.name, slug: satoshiInput.slug, defaultLanguage: 'zh-CN', timeZone: satoshiInput.time_zone }, at);
    await deps.store.brands.setAddresses(placeholder.id, satoshiInput.support_emails, ['+861088880000']);
    satoshi = (await deps.store.brands.get(placeholder.id))!;
  } else {
    satoshi = await createBrand(deps, null, satoshiInput);
  }
  const pocket = await createBrand(deps, null, {
    name: 'Lightning Pocket',
    slug: 'pocket',
    default_language: 'en',
    time_zone: 'Europe/Berlin',
    support_emails: ['support@lightning-pocket.example'],
    phone_numbers: ['+49 30 901820'],
  });
  // Official channels, so /verify, the manifest and the answers to pasted links have something to show.
  const at = deps.clock.now().toISOString();
  await deps.store.officialChannels.set(
    satoshi.id,
    { domains: ['satoshi-wallet.app'], emails: [], phones: [], handles: [{ platform: 'x', handle: 'SatoshiWalletHQ' }, { platform: 'weibo', handle: 'satoshiwallet' }] },
    at,
  );
  await deps.store.officialChannels.set(
    pocket.id,
    { domains: ['lightningpocket.app'], emails: [], phones: [], handles: [{ platform: 'x', handle: 'LightningPocket' }, { platform: 'telegram', handle: 'lightningpocket' }] },
    at,
  );
  deps.officialChannels?.invalidate();
  const agent = (email: string, name: string, role: Agent['role'], brands: Brand[], languages: string[]) =>
    createAgent(deps, null, { email, name, role, password, brand_ids: brands.map((b) => b.id), languages });
  const admin = await agent('admin@demo.walletdesk.example', 'Ada 管理员', 'admin', [], ['zh-CN', 'en']);
  const supervisor = await agent('chen@demo.walletdesk.example', '陈主管', 'supervisor', [satoshi, pocket], ['zh-CN', 'en']);
  const agentsByBrand: Record<string, Agent[]> = {
    [satoshi.id]: [
      await agent('li@demo.walletdesk.example', '李客服', 'agent', [satoshi], ['zh-CN', 'en']),
      await agent('wang@demo.walletdesk.example', '王安全', 'agent', [satoshi], ['zh-CN']),
    ],
    [pocket.id]: [
      await agent('emma@demo.walletdesk.example', 'Emma Support', 'agent', [pocket], ['en']),
      await agent('tom@demo.walletdesk.example', 'Tom Zhang', 'agent', [pocket], ['en', 'zh-CN']),
    ],
  };
  const lead = principalOf(supervisor);
  const security = await createTeam(deps, lead, { name: '安全 Security', member_ids: [agentsByBrand[satoshi.id]![1]!.id, agentsByBrand[pocket.id]![1]!.id] });
  const payments = await createTeam(deps, lead, { name: '交易 Payments', brand_id: satoshi.id, member_ids: [agentsByBrand[satoshi.id]![0]!.id] });
  const support = await createTeam(deps, lead, { name: 'Support', brand_id: pocket.id, member_ids: [agentsByBrand[pocket.id]![0]!.id] });

  const clock = new ManualClock();
  const demoDeps: Deps = { ...deps, clock };
  const start = Date.now() - 30 * 24 * 3_600_000;
  for (let i = 0; i < options.tickets; i++) {
    const scenario: Scenario = pick(SCENARIOS);
    // Most Chinese conversations go to the Chinese-speaking brand, most English ones to the other.
    const home = { 'zh-CN': [satoshi, pocket] as const, en: [pocket, satoshi] as const }[scenario.lang];
    const brand = chance(0.85) ? home[0] : home[1];
    const names = CUSTOMER_NAMES[scenario.lang];
    const n = randomInt(names.length * 6);
    const name = names[n % names.length]!;
    const values = {
      txid: randomBytes(32).toString('hex'),
      address: pick(ADDRESSES),
      amount: (randomInt(1, 500) / 1000).toFixed(3),
      days: String(randomInt(2, 6)),
      version: pick(VERSIONS),
      device: pick(DEVICES),
    };
    // Older tickets are further along; the newest ones are still waiting for a first answer.
    const age = i / options.tickets;
    clock.set(new Date(start + age * 30 * 24 * 3_600_000 + randomInt(3_600_000)));
    const channel = pick(scenario.channels);
    const email = `customer${n}@${MAIL_DOMAINS[scenario.lang]}`;
    const created = await ingestInbound(demoDeps, {
      brandId: brand.id,
      channel,
      from: {
        email,
        phone: channel === 'phone' ? `+861380013${String(8000 + n).padStart(4, '0')}` : null,
        name,
        language: scenario.lang,
      },
      subject: scenario.subject,
      body: fill(scenario.customer, values),
      details: { device: values.device.split(',')[0], os: values.device.split(',')[1]?.trim(), app_version: values.version },
      overrides: { priority: scenario.priority, category: scenario.category, tags: scenario.tags },
    });
    const ticketId = created.ticket.id;
    if (channel === 'chat') {
      // A demo chat is a real chat conversation: a visitor session on the ticket (offline, its resume token thrown
      // away), so the Chats page can open and answer it like any other (issue 19: "Not a chat").
      const at = clock.now().toISOString();
      await demoDeps.store.chatSessions.insert({
        id: newId(),
        tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
        brandId: brand.id,
        customerId: created.ticket.requesterId,
        ticketId,
        userId: null,
        claimedUserId: null,
        email,
        name,
        kind: null,
        language: scenario.lang,
        details: {},
        visitorReadUpTo: null,
        agentReadUpTo: null,
        createdAt: at,
        lastSeenAt: at,
      });
    }
    if (age > 0.93 && chance(0.7)) continue; // fresh and unanswered

    const team = scenario.category === 'security' ? security : brand.id === satoshi.id ? payments : support;
    const owner = scenario.category === 'security' ? agentsByBrand[brand.id]![1]! : pick(agentsByBrand[brand.id]!);
    const as = principalOf(owner);
    clock.advance(randomInt(2, 90) * 60_000);
    await updateTicket(demoDeps, as, ticketId, { assigneeId: owner.id, teamId: team.id });
    if (scenario.note) {
      clock.advance(randomInt(1, 20) * 60_000);
      await addAgentMessage(demoDeps, as, ticketId, { body: fill(scenario.note, values), public: false });
    }
    if (!scenario.agentReply) {
      await updateTicket(demoDeps, as, ticketId, { status: 'solved' });
      continue;
    }
    clock.advance(randomInt(1, 60) * 60_000);
    const end: TicketStatus = age > 0.8 ? pick(['open', 'pending', scenario.ends[0]!] as TicketStatus[]) : pick(scenario.ends);
    await addAgentMessage(demoDeps, as, ticketId, { body: fill(scenario.agentReply, values), status: scenario.customerFollowUp ? 'pending' : 'open' });
    if (scenario.customerFollowUp && end !== 'pending') {
      clock.advance(randomInt(10, 600) * 60_000);
      await ingestInbound(demoDeps, { brandId: brand.id, channel, from: { email }, body: fill(scenario.customerFollowUp, values), ticketId });
    }
    clock.advance(randomInt(5, 240) * 60_000);
    if (end === 'solved' || end === 'closed') {
      await updateTicket(demoDeps, as, ticketId, { status: 'solved' });
      if (end === 'closed') await updateTicket(demoDeps, as, ticketId, { status: 'closed' });
    } else {
      await updateTicket(demoDeps, as, ticketId, { status: end });
    }
    if ((i + 1) % 25 === 0) options.onProgress?.(i + 1, options.tickets);
  }
  options.onProgress?.(options.tickets, options.tickets);
  return { adminEmail: admin.email, password, brands: 2, agents: 6, tickets: options.tickets };
}
