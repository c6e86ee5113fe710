/**
 * Every text the chat widget shows, in zh-CN and English. The widget is framework-free (no i18next) to stay
 * small, so a string with a value takes it through `fill()` ("{hours}").
 */

export type Lang = 'zh-CN' | 'en';

const en = {
  title: 'Support',
  never_ask: 'We will never ask for your recovery phrase or private key.',
  open: 'Open support chat',
  close: 'Close chat',
  dialog: '{brand} chat',
  unread: '{count} new messages',
  prechat_title: 'What can we help you with?',
  kind_legend: 'What is it about?',
  kind_stolen: 'Money was stolen, or I see a transaction I did not make',
  kind_transaction: 'A transaction problem (not arrived, stuck, failed)',
  kind_technical: "The app doesn't work",
  kind_account: 'A problem with my account or sign-in',
  kind_how_to: 'How do I…?',
  kind_other: 'Something else',
  stolen_advice:
    'Act now: move any remaining funds to a new wallet with a new recovery phrase that no one else has seen. Do not reply to anyone who contacts you offering to recover funds.',
  language: 'Language',
  email: 'E-mail for replies when you are offline (optional)',
  email_hint: 'Only if you want our answer by e-mail too.',
  start: 'Start chat',
  choose_kind: 'Choose what it is about.',
  email_invalid: 'This e-mail address does not look right.',
  message: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  attach: 'Attach a file',
  remove_file: 'Remove {name}',
  uploading: 'Uploading {name}…',
  upload_failed: 'Could not upload {name}: {reason}',
  too_many_files: 'At most {max} files per message.',
  download_failed: 'Could not download {name}.',
  record: 'Download this conversation (PDF)',
  you: 'You',
  support: 'Support',
  system: 'Support desk',
  seen: 'Seen',
  sending: 'Sending…',
  not_sent: 'Not sent: {reason}',
  typing: 'Support is typing…',
  no_agent:
    'No one from support is online right now. We usually answer within {hours} hours: you will see the answer here the next time you open this chat, and by e-mail if you left your address.',
  no_agent_soon:
    'No one from support is online right now. You will see the answer here the next time you open this chat, and by e-mail if you left your address.',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: 'You are offline. Messages will be sent when you are back online.',
  unavailable: 'Chat is not available here. Please contact support another way.',
  sign_in: 'Please sign in again to continue the chat.',
  status_solved: 'This conversation was marked as solved. Write again if you still need help.',
  status_closed: 'This conversation is closed. Write again to start a new one.',
  error: 'Something went wrong: {reason}',
  csat_question: 'How did we do?',
  csat_good: 'Good',
  csat_bad: 'Bad',
  csat_reason: 'What went wrong?',
  csat_reason_none: 'Choose a reason (optional)',
  csat_reason_slow: 'It took too long',
  csat_reason_not_solved: 'My problem is not solved',
  csat_reason_unfriendly: 'The agent was unfriendly',
  csat_reason_unclear: 'The answer was hard to understand',
  csat_reason_other: 'Something else',
  csat_comment: 'Anything else? (optional)',
  csat_send: 'Send rating',
  csat_thanks: 'Thank you for your rating!',
  csat_already: 'This survey was already answered. Thank you!',
  csat_closed: 'This survey is closed.',
};

type Strings = typeof en;

const zh: Strings = {
  title: '在线客服',
  never_ask: '我们绝不会向您索要助记词或私钥。',
  open: '打开在线客服',
  close: '关闭聊天',
  dialog: '{brand} 在线客服',
  unread: '{count} 条新消息',
  prechat_title: '我们能帮您什么？',
  kind_legend: '问题类型',
  kind_stolen: '资金被盗，或出现了我没有进行的交易',
  kind_transaction: '交易问题（未到账、卡住、失败）',
  kind_technical: '应用无法正常使用',
  kind_account: '账户或登录问题',
  kind_how_to: '如何操作……？',
  kind_other: '其他问题',
  stolen_advice: '请立即行动：将剩余资金转移到一个新钱包（使用无人见过的新助记词）。不要理会任何声称可以帮您追回资金的人。',
  language: '语言',
  email: '离线时接收回复的邮箱（选填）',
  email_hint: '如果您也希望通过邮件收到回复，请填写。',
  start: '开始聊天',
  choose_kind: '请选择问题类型。',
  email_invalid: '邮箱地址格式不正确。',
  message: '消息',
  placeholder: '输入消息……',
  send: '发送',
  attach: '添加附件',
  record: '下载本次对话（PDF）',
  remove_file: '移除 {name}',
  uploading: '正在上传 {name}……',
  upload_failed: '无法上传 {name}：{reason}',
  too_many_files: '每条消息最多 {max} 个文件。',
  download_failed: '无法下载 {name}。',
  you: '您',
  support: '客服',
  system: '客服中心',
  seen: '已读',
  sending: '发送中……',
  not_sent: '未发送：{reason}',
  typing: '客服正在输入……',
  no_agent: '目前没有客服在线。我们通常会在 {hours} 小时内回复：下次打开此聊天时您会在这里看到回复；如果您留了邮箱，我们也会发邮件给您。',
  no_agent_soon: '目前没有客服在线。下次打开此聊天时您会在这里看到回复；如果您留了邮箱，我们也会发邮件给您。',
  connecting: '正在连接……',
  reconnecting: '连接已断开，正在重新连接……',
  offline: '您已离线。恢复网络后消息会自动发送。',
  unavailable: '此处无法使用在线客服，请通过其他方式联系我们。',
  sign_in: '请重新登录后继续聊天。',
  status_solved: '此对话已标记为已解决。如果仍需帮助，请继续留言。',
  status_closed: '此对话已关闭。继续留言将开始新的对话。',
  error: '出错了：{reason}',
  csat_question: '您对我们的服务满意吗？',
  csat_good: '满意',
  csat_bad: '不满意',
  csat_reason: '哪里做得不好？',
  csat_reason_none: '选择原因（可选）',
  csat_reason_slow: '等待时间太长',
  csat_reason_not_solved: '问题没有解决',
  csat_reason_unfriendly: '客服态度不好',
  csat_reason_unclear: '回答难以理解',
  csat_reason_other: '其他原因',
  csat_comment: '还有其他想说的吗？（可选）',
  csat_send: '提交评价',
  csat_thanks: '感谢您的评价！',
  csat_already: '此调查已经回答过了，谢谢！',
  csat_closed: '此调查已关闭。',
};

export type StringKey = keyof Strings;

const tables: Record<Lang, Strings> = { en, 'zh-CN': zh };

/** The string `key` in `lang`, with `{name}` placeholders replaced by `values`. */
export function t(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** zh-CN for any Chinese tag, English otherwise. */
export function pickLang(tag: string | null | undefined): Lang {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}
