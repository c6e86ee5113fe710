/**
 * Word lists behind the lookalike rules. Kept as data so that a false positive is fixed by editing a list.
 */

/**
 * Filler words that phishing names glue to a brand ("trezor-suite-support", "ledgerlivesecure", "imtoken-kefu").
 * A brand mark is recognised inside a longer word only when what stands around it is made of these words (or
 * digits); "knowledgerank" therefore does not contain "ledger". None of them can be a brand mark on its own.
 */
export const AFFIXES: readonly string[] = [
  // support and service
  'support', 'suport', 'help', 'helpdesk', 'helpline', 'desk', 'service', 'services', 'care', 'customer', 'customers',
  'contact', 'team', 'staff', 'agent', 'admin', 'assist', 'assistance', 'center', 'centre', 'hotline', 'ticket',
  'tickets', 'chat', 'livechat', 'call', 'phone', 'mail', 'email', 'info', 'faq', 'guide', 'docs', 'doc', 'hq',
  // trust words
  'official', 'officials', 'real', 'genuine', 'original', 'secure', 'security', 'safe', 'safety', 'verify',
  'verified', 'verification', 'validate', 'validation', 'auth', 'authenticate', 'login', 'signin', 'sign', 'account',
  'accounts', 'protect', 'protection', 'guard', 'shield', 'trust', 'kyc', 'aml', 'check', 'checker',
  // product words
  'wallet', 'wallets', 'app', 'apps', 'web', 'webapp', 'online', 'live', 'suite', 'connect', 'connected', 'sync',
  'bridge', 'extension', 'ext', 'chrome', 'desktop', 'mobile', 'android', 'ios', 'firmware', 'device', 'devices',
  'hardware', 'manager', 'vault', 'portal', 'hub', 'site', 'page', 'home', 'main', 'net', 'network', 'node', 'pro',
  'plus', 'id', 'dashboard', 'panel', 'cloud', 'labs', 'lab', 'dev',
  // actions
  'recovery', 'recover', 'restore', 'backup', 'reset', 'unlock', 'unblock', 'fix', 'repair', 'update', 'updates',
  'upgrade', 'download', 'downloads', 'install', 'installer', 'setup', 'start', 'started', 'begin', 'onboarding',
  'activate', 'activation', 'migrate', 'migration', 'claim', 'claims', 'refund', 'refunds', 'withdraw',
  // lures
  'airdrop', 'airdrops', 'reward', 'rewards', 'bonus', 'gift', 'gifts', 'promo', 'event', 'events', 'giveaway',
  'drop', 'drops', 'free', 'win', 'offer', 'sale', 'shop', 'store', 'buy', 'sell', 'pay', 'payment', 'payments',
  // crypto words
  'token', 'tokens', 'coin', 'coins', 'crypto', 'bitcoin', 'btc', 'eth', 'usdt', 'defi', 'dapp', 'nft', 'swap',
  'exchange', 'stake', 'staking',
  // seen beside brand names on real phishing domains (test/corpus/phishing/, dev split)
  'web3', 'dex', 'cex', 'finance', 'futures', 'trade', 'trading', 'invest', 'mining', 'vip', 'bot', 'points',
  'vote', 'votes', 'poll', 'polls', 'listing', 'listings', 'listed', 'foundation', 'community', 'fees', 'shares',
  'config', 'audit', 'zone', 'networks', 'browser', 'suites', 'halving', 'rectify', 'your',
  // glue
  'my', 'get', 'go', 'the', 'try', 'use', 'new', 'now', 'io', 'com', 'org', 'co', 'en', 'us', 'uk', 'eu', 'cn', 'zh',
  'hk', 'tw', 'jp', 'kr', 'ru', 'de', 'fr', 'es', 'global', 'intl', 'asia', 'china', 'world',
  // Chinese pinyin seen in phishing names: 客服 官网 官方 下载 钱包 中文
  'kefu', 'guanwang', 'guanfang', 'xiazai', 'qianbao', 'zhongwen', 'zaixian', 'fuwu',
];

/**
 * Common words one or two letters from a brand name ("finance" is one letter from "binance", "rabbi" from
 * "rabby"): never read as a misspelt brand. Found on real mail-provider and phishing domains; add to it when a
 * word is flagged as a typo of a brand.
 */
export const NOT_TYPOS: readonly string[] = [
  'finance', 'finances', 'financial', 'rabbi', 'rabbit', 'guard', 'guards', 'ledge', 'pledge', 'leger', 'leader',
  'edger', 'kraker', 'coinage', 'bitset', 'bitnet',
];

/**
 * Filler words that set no scene: a common word used as a brand name ("Zeus") counts only beside a filler word
 * outside this list ("zeus-wallet", not "mail2zeus").
 */
export const GLUE: readonly string[] = [
  'my', 'get', 'go', 'the', 'try', 'use', 'new', 'now', 'io', 'com', 'org', 'co', 'net', 'en', 'us', 'uk', 'eu',
  'cn', 'zh', 'hk', 'tw', 'jp', 'kr', 'ru', 'de', 'fr', 'es', 'global', 'intl', 'asia', 'china', 'world', 'mail',
  'email', 'info', 'web', 'site', 'page', 'home', 'main', 'hub', 'free', 'win', 'shop', 'store', 'buy', 'sell', 'pro',
  'plus', 'id', 'lab', 'labs', 'dev', 'cloud', 'network', 'online', 'live', 'real', 'original', 'team', 'hq',
];

/**
 * Hosting suffixes where anyone gets a free sub-site. A brand name on one of them is a strong phishing signal.
 */
export const FREE_HOSTING: readonly string[] = [
  'web.app', 'firebaseapp.com', 'pages.dev', 'workers.dev', 'github.io', 'gitlab.io', 'vercel.app', 'now.sh',
  'netlify.app', 'netlify.com', 'herokuapp.com', 'glitch.me', 'repl.co', 'replit.app', 'replit.dev', 'onrender.com',
  'fly.dev', 'railway.app', 'up.railway.app', 'surge.sh', 'webflow.io', 'wixsite.com', 'weebly.com', 'blogspot.com',
  'wordpress.com', '000webhostapp.com', 'godaddysites.com', 'square.site', 'framer.website', 'framer.app', 'carrd.co',
  'notion.site', 'gitbook.io', 'azurewebsites.net', 'cloudfront.net', 'r2.dev', 'ngrok.io', 'ngrok-free.app',
  'ipfs.dweb.link', 'translate.goog', 'tilda.ws', 'strikingly.com', 'mystrikingly.com', 'webnode.page',
  'jimdosite.com', 'site123.me', 'yolasite.com', 'bitbucket.io', 'codeberg.page', 'deno.dev', 'appspot.com',
  'firebaseio.com', 'web.core.windows.net', 'myshopify.com', 'ucoz.net', 'weeblysite.com', 'wix.com', 'hpage.com',
];

/** Hosts that serve other people's pages under a path: a brand name in the first path segment is a claim. */
export const PATH_HOSTS: readonly string[] = ['sites.google.com', 'telegra.ph', 'linktr.ee', 'notion.so', 'medium.com', 'docs.google.com'];

/**
 * Shared platforms that cannot be a brand's own domain (everyone has pages or mailboxes there). The registry
 * refuses them as domains: a brand lists its account on them as a handle or an exact e-mail address instead.
 */
export const SHARED_HOSTS: readonly string[] = [
  'x.com', 'twitter.com', 't.me', 'telegram.me', 'telegram.org', 'facebook.com', 'fb.com', 'instagram.com',
  'youtube.com', 'youtu.be', 'weibo.com', 'weibo.cn', 'discord.gg', 'discord.com', 'reddit.com', 'github.com',
  'gitlab.com', 'google.com', 'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com',
  'icloud.com', 'proton.me', 'protonmail.com', 'qq.com', '163.com', '126.com', 'sina.com', 'linktr.ee', 'telegra.ph',
  'medium.com', 'notion.so', 'apple.com', 'play.google.com', 'weixin.qq.com', 'wechat.com',
];

/** Labels of the subdomain part that say nothing about who runs a site. */
export const NEUTRAL_SUBDOMAINS: readonly string[] = ['www', 'm', 'mobile', 'web', 'en', 'zh', 'cn', 'app', 'mail'];
