/**
 * Scenarios for `walletdesk demo`: what wallet users really write, in Chinese and English, with the agent's
 * answer and how the conversation ends. Placeholders: {txid}, {address}, {amount}, {days}, {version}, {device}.
 */
import type { Category, Channel, Priority, TicketStatus } from '../core/ticket.js';

export interface Scenario {
  lang: 'zh-CN' | 'en';
  category: Category;
  priority: Priority;
  channels: Channel[];
  subject: string;
  customer: string;
  agentReply?: string;
  note?: string;
  customerFollowUp?: string;
  /** Where a conversation like this usually stands. */
  ends: TicketStatus[];
  tags?: string[];
}

export const SCENARIOS: Scenario[] = [
  {
    lang: 'zh-CN',
    category: 'security',
    priority: 'urgent',
    channels: ['phone', 'chat', 'web'],
    subject: '钱包里的币被转走了，不是我操作的',
    customer: '今天早上打开钱包发现余额是0，有一笔 {amount} BTC 的转出记录，我根本没有操作过！交易ID {txid}，请马上帮我处理！！',
    agentReply: '非常抱歉发生这种情况。请先不要再向这个钱包转入任何资金。我们不会向您索要助记词或私钥。请告诉我您最近是否在其他网站输入过助记词，或者安装过不明来源的插件？',
    note: '链上确认已转出至 {address}，疑似钓鱼网站泄露助记词。已升级安全组。',
    customerFollowUp: '前几天有个“客服”让我在网页上验证钱包，我输入了助记词……是不是被骗了？',
    ends: ['open', 'on_hold', 'pending'],
    tags: ['theft', 'phishing'],
  },
  {
    lang: 'en',
    category: 'security',
    priority: 'urgent',
    channels: ['email', 'chat', 'phone'],
    subject: 'Unauthorized transaction drained my wallet',
    customer: 'I did NOT send this. {amount} BTC left my wallet at 3am to {address}. txid {txid}. Please freeze whatever you can, this is my savings.',
    agentReply: 'I am sorry, we are on it. Please do not send more funds to this wallet. We will never ask for your recovery phrase or private key. Did you enter your 12 words anywhere recently, for example on a site that claimed to be our support?',
    note: 'Funds moved to a known drainer cluster. Customer got a DM from a fake "support" account on X.',
    customerFollowUp: 'Yes, an account called @wallet_help_desk sent me a link to "sync" my wallet. I typed my words there.',
    ends: ['open', 'on_hold'],
    tags: ['theft', 'fake-support'],
  },
  {
    lang: 'zh-CN',
    category: 'security',
    priority: 'high',
    channels: ['web', 'email'],
    subject: '有人冒充你们客服加我微信',
    customer: '有个自称官方客服的人加我微信，说我的钱包要升级，需要提供助记词。这是你们的人吗？他的微信号是 wallet_kefu_888',
    agentReply: '这不是我们的工作人员。我们绝不会通过微信主动联系您，也绝不会索要助记词或私钥。请不要回复对方，我们已记录该账号并会举报。官方联系方式请以帮助中心的“官方渠道”页面为准。',
    ends: ['solved', 'closed'],
    tags: ['impersonation'],
  },
  {
    lang: 'en',
    category: 'transaction',
    priority: 'high',
    channels: ['email', 'web', 'chat'],
    subject: 'Sent 3 days ago, still not arrived',
    customer: 'Hi, I sent {amount} BTC to my exchange {days} days ago and it still shows pending. txid: {txid}. The exchange says they see nothing. What is going on?',
    agentReply: 'Thanks for the txid. Your transaction is still waiting in the mempool: the fee you paid is below what miners currently accept. Because it signals replace-by-fee, you can bump the fee in Settings → Transactions → Speed up. Nothing is lost; the coins are still yours until it confirms.',
    customerFollowUp: 'Bumped the fee, it confirmed in 20 minutes. Thank you!',
    ends: ['solved', 'closed'],
    tags: ['stuck', 'rbf'],
  },
  {
    lang: 'zh-CN',
    category: 'transaction',
    priority: 'high',
    channels: ['chat', 'web', 'phone'],
    subject: '转账一直未确认',
    customer: '我{days}天前转了 {amount} BTC，一直显示未确认，交易哈希 {txid}，手续费是不是太低了？能取消吗？',
    agentReply: '您好，我们查询到这笔交易仍在内存池中等待确认，手续费率偏低。比特币交易无法“取消”，但您可以在“交易详情”中使用“加速（RBF）”提高手续费。如果接收方是交易所，也可以请对方用 CPFP 加速。',
    customerFollowUp: '已经加速了，谢谢！',
    ends: ['solved', 'pending', 'closed'],
    tags: ['stuck'],
  },
  {
    lang: 'en',
    category: 'transaction',
    priority: 'high',
    channels: ['email', 'web'],
    subject: 'Exchange says confirmed but my wallet shows nothing',
    customer: 'Withdrew {amount} BTC from my exchange yesterday, they show 6 confirmations, txid {txid}. My wallet balance did not change. Receiving address {address}.',
    agentReply: 'The transaction is confirmed and paid {address}. That address is not one of the addresses in your current wallet, so please check whether you copied the address from an older wallet or another account. If you restored from a different recovery phrase recently, switch back to that wallet to see the coins.',
    customerFollowUp: 'Found it, I had used the address from my old wallet. Sorry!',
    ends: ['solved', 'closed'],
    tags: ['wrong-address'],
  },
  {
    lang: 'zh-CN',
    category: 'transaction',
    priority: 'normal',
    channels: ['web', 'chat'],
    subject: '手续费为什么这么高',
    customer: '转 0.001 BTC 手续费要好几十块钱，太离谱了吧？',
    agentReply: '比特币网络手续费按交易大小和当时的拥堵程度计算，和转账金额无关。网络不忙时（例如周末）手续费通常更低，您也可以在发送页面选择“经济”档位。',
    ends: ['solved', 'closed'],
    tags: ['fees'],
  },
  {
    lang: 'en',
    category: 'technical',
    priority: 'normal',
    channels: ['email', 'chat', 'web'],
    subject: 'App crashes on start after update',
    customer: 'Since updating to {version} the app closes right after the splash screen. {device}. Reinstalling did not help. Are my coins safe??',
    agentReply: 'Your coins are safe: they are on the blockchain, not in the app. This crash is a known issue in {version} on some devices; version 4.2.2, out today, fixes it. Please update from the store. You will not need your recovery phrase for this.',
    note: 'Known crash, fixed in 4.2.2 (see release notes).',
    customerFollowUp: 'Updated, works again.',
    ends: ['solved', 'closed', 'pending'],
    tags: ['crash'],
  },
  {
    lang: 'zh-CN',
    category: 'technical',
    priority: 'normal',
    channels: ['chat', 'web', 'phone'],
    subject: '更新后打不开了',
    customer: '昨天更新到 {version} 以后就一直闪退，{device}，重启手机也没用。',
    agentReply: '您好，资产保存在区块链上，不会因为应用闪退而丢失。{version} 在部分机型上存在闪退问题，请更新到 4.2.2 版本。更新不需要也不要输入助记词。',
    customerFollowUp: '更新之后可以打开了，谢谢。',
    ends: ['solved', 'closed'],
    tags: ['crash'],
  },
  {
    lang: 'en',
    category: 'technical',
    priority: 'high',
    channels: ['email', 'web'],
    subject: 'Locked out: 2FA codes not accepted',
    customer: 'My authenticator codes are rejected since I changed phones. I cannot log in to my account ({device}).',
    agentReply: 'We can help. To protect your account we first need to verify it is you: please reply from the e-mail address registered on the account and tell us the approximate date of your last deposit. We will never ask for your password, recovery phrase or private key.',
    ends: ['pending', 'open'],
    tags: ['login'],
  },
  {
    lang: 'zh-CN',
    category: 'technical',
    priority: 'normal',
    channels: ['web', 'email'],
    subject: '恢复钱包后余额不对',
    customer: '用助记词恢复钱包之后，余额显示为0，但是区块浏览器上地址 {address} 有币。',
    agentReply: '这通常是派生路径不同导致的。请在“设置 → 高级 → 派生路径”中尝试 BIP84（bc1 开头的地址）或 BIP49。如果您当初使用了额外的密码（passphrase），恢复时也需要输入同样的密码。',
    customerFollowUp: '换成 BIP84 以后余额出来了！',
    ends: ['solved', 'closed'],
    tags: ['restore', 'derivation-path'],
  },
  {
    lang: 'en',
    category: 'technical',
    priority: 'normal',
    channels: ['chat', 'email'],
    subject: 'Hardware wallet not detected',
    customer: 'My Ledger Nano X is not detected on Windows 11 anymore, {version} of the desktop app.',
    agentReply: 'Please try another USB cable (some are charge-only), unlock the device, open the Bitcoin app on it, and close other wallet apps that might hold the connection.',
    ends: ['pending', 'solved'],
    tags: ['hardware'],
  },
  {
    lang: 'zh-CN',
    category: 'how_to',
    priority: 'low',
    channels: ['chat', 'web'],
    subject: '怎么导出交易记录',
    customer: '请问怎么把交易记录导出成表格？报税要用。',
    agentReply: '在“交易”页面点右上角的“…”，选择“导出 CSV”即可。文件中包含日期、金额、手续费和交易ID。',
    ends: ['solved', 'closed'],
  },
  {
    lang: 'en',
    category: 'how_to',
    priority: 'low',
    channels: ['chat', 'email', 'web'],
    subject: 'How do I receive bitcoin?',
    customer: 'Total beginner here. A friend wants to send me some bitcoin, what do I give him?',
    agentReply: 'Tap "Receive" and share the address or QR code shown there (it starts with bc1). Never share your recovery phrase: nobody needs it to send you bitcoin.',
    ends: ['solved', 'closed'],
  },
  {
    lang: 'en',
    category: 'how_to',
    priority: 'low',
    channels: ['email', 'web'],
    subject: 'Feature request: Lightning support',
    customer: 'Love the app. Any plans to support Lightning payments?',
    agentReply: 'Thank you! Lightning is on our roadmap; I have added your vote to the request.',
    ends: ['solved', 'closed'],
    tags: ['feature-request'],
  },
  {
    lang: 'zh-CN',
    category: 'other',
    priority: 'low',
    channels: ['email', 'web'],
    subject: '合作咨询',
    customer: '你好，我们是一家支付公司，想了解是否可以和贵公司合作。',
    agentReply: '感谢您的联系，我们已将您的信息转给商务团队，他们会在三个工作日内回复您。',
    ends: ['solved', 'closed'],
  },
  {
    lang: 'en',
    category: 'other',
    priority: 'low',
    channels: ['email'],
    subject: 'Thanks for the quick help',
    customer: 'Just wanted to say your support team was great last week. Thanks!',
    ends: ['solved', 'closed'],
  },
];

export const CUSTOMER_NAMES = {
  'zh-CN': ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '黄勇', '周杰', '吴芳', '徐涛', '孙悦', '马超', '朱琳', '胡斌', '郭颖'],
  en: ['Alice Moreau', 'Ben Carter', 'Chloe Nguyen', 'Daniel Okafor', 'Emma Schulz', 'Farid Haddad', 'Grace Lee', 'Hugo Silva', 'Isla Brown', 'Jonas Weber', 'Kira Patel', 'Leo Rossi'],
};

export const DEVICES = ['iPhone 15, iOS 17.4', 'Pixel 8, Android 14', '华为 Mate 60, HarmonyOS 4', 'Samsung S23, Android 14', 'iPhone 12, iOS 16.7', '小米 13, Android 13'];
export const VERSIONS = ['4.2.0', '4.2.1', '4.1.9', '3.9.4'];
/** Real mainnet addresses from public examples (checksum-valid), used only as demo data. */
export const ADDRESSES = [
  'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
];
