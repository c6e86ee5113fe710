/**
 * The widget's DOM inside its shadow root: the launcher, and the panel with the header, the always-visible
 * recovery-phrase line, a status line, the pre-chat step and the transcript with its composer. It knows
 * nothing of the protocol; chat.ts drives it and hears the visitor through ViewEvents.
 */
import { h, icon, ICONS } from './dom';
import { KINDS, type AttachmentInfo, type Kind } from './protocol';
import { t, type Lang, type StringKey } from './strings';
import { csatControls, surveyLink, withoutLink } from './csat';
import { CSS } from './styles';

export interface ViewEvents {
  opened(): void;
  prechat(p: { kind: Kind; language: Lang; email: string }): void;
  language(lang: Lang): void;
  /** The visitor sends the composer's text; returns false when there is nothing to send. */
  send(body: string): boolean;
  typing(): void;
  attach(file: File): void;
  removeFile(key: string): void;
  download(file: AttachmentInfo): void;
  /** The visitor downloads the signed record of the conversation (issue 18). */
  record(): void;
  /** The composer's text changed (for article suggestions before the first message). */
  draft(text: string): void;
  /** The visitor opened a suggested article. */
  openArticle(article: Suggestion): void;
}

/** A public article suggested while the visitor writes; `url` is absolute (the desk's help center). */
export interface Suggestion {
  id: string;
  title: string;
  snippet: string;
  url: string;
}

/** A line of the transcript as the view shows it. */
export interface Line {
  from: 'you' | 'agent' | 'system';
  author_name: string | null;
  body: string;
  attachments: AttachmentInfo[];
  /** Shown under the message: "Sending…", "Not sent: …"; null for a stored message. */
  meta: string | null;
  failed?: boolean;
}

/** A file chosen for the next message: uploading (no info yet), uploaded, or failed. */
export interface PendingFile {
  key: string;
  name: string;
  info: AttachmentInfo | null;
  error: string | null;
}

const KIND_KEYS: Record<Kind, StringKey> = {
  stolen: 'kind_stolen',
  transaction: 'kind_transaction',
  technical: 'kind_technical',
  account: 'kind_account',
  how_to: 'kind_how_to',
  other: 'kind_other',
};

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

export class View {
  private brand = '';
  private lines = new Map<string, { li: HTMLLIElement; meta: HTMLElement; line: Line }>();
  private seenKey: string | null = null;
  /** Re-run on a language change: every piece of chrome text registers how it is drawn. */
  private drawers: Array<() => void> = [];
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLParagraphElement;
  /** The record download: hidden until the conversation exists (the first message stored), issue 18. */
  private readonly recordButton: HTMLButtonElement;
  private readonly prechatForm: HTMLFormElement;
  private readonly prechatError: HTMLParagraphElement;
  private readonly startButton: HTMLButtonElement;
  private readonly chat: HTMLDivElement;
  private readonly log: HTMLOListElement;
  private readonly typingLine: HTMLParagraphElement;
  private readonly pending: HTMLUListElement;
  private readonly input: HTMLTextAreaElement;
  private readonly suggestions: HTMLElement;
  private readonly suggestionList: HTMLUListElement;
  private unread = 0;
  private statusKey: StringKey | null = null;
  private notices = new Map<string, { li: HTMLLIElement; key: StringKey; values: Record<string, string | number> }>();
  private away: StringKey | null = null;
  private awayHours = 0;

  constructor(
    shadow: ShadowRoot,
    public lang: Lang,
    private readonly ev: ViewEvents,
  ) {
    const draw = (fn: () => void) => {
      this.drawers.push(fn);
      fn();
    };
    const text = <E extends HTMLElement>(el: E, key: StringKey): E => {
      draw(() => (el.textContent = t(this.lang, key)));
      return el;
    };
    const label = <E extends HTMLElement>(el: E, key: StringKey): E => {
      draw(() => el.setAttribute('aria-label', t(this.lang, key)));
      return el;
    };

    this.badge = h('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'wd-panel' }, icon(ICONS.chat), this.badge);
    draw(() => this.launcher.setAttribute('aria-label', t(this.lang, 'open') + (this.unread ? ` (${t(this.lang, 'unread', { count: this.unread })})` : '')));
    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));

    const title = h('h2', { id: 'wd-title' });
    draw(() => (title.textContent = this.brand || t(this.lang, 'title')));
    const closeButton = label(h('button', { class: 'icon', type: 'button' }, icon(ICONS.close)), 'close');
    closeButton.addEventListener('click', () => this.close());
    const recordButton = label(h('button', { class: 'icon', type: 'button', 'data-slot': 'record', hidden: true }, icon(ICONS.record)), 'record');
    recordButton.addEventListener('click', () => this.ev.record());
    this.recordButton = recordButton;
    this.status = h('p', { class: 'status', role: 'status', hidden: true });

    // --- pre-chat step ---
    const kinds = KINDS.map((kind) => {
      const radio = h('input', { type: 'radio', name: 'kind', value: kind });
      return h('label', { class: 'choice' }, radio, text(h('span'), KIND_KEYS[kind]));
    });
    const advice = text(h('p', { class: 'advice', hidden: true }), 'stolen_advice');
    const language = h('select', { name: 'language' }, h('option', { value: 'zh-CN', lang: 'zh-CN' }, '中文（简体）'), h('option', { value: 'en', lang: 'en' }, 'English'));
    language.value = lang;
    language.addEventListener('change', () => this.ev.language(language.value === 'zh-CN' ? 'zh-CN' : 'en'));
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '254', 'aria-describedby': 'wd-email-hint' });
    this.prechatError = h('p', { class: 'error', role: 'alert', hidden: true });
    const awayNote = h('p', { class: 'notice', hidden: true });
    draw(() => {
      awayNote.hidden = !this.away;
      if (this.away) awayNote.textContent = t(this.lang, this.away, { hours: this.awayHours });
    });
    this.startButton = text(h('button', { class: 'primary', type: 'submit' }), 'start');
    this.prechatForm = h(
      'form',
      { class: 'prechat', novalidate: true, hidden: true },
      awayNote,
      text(h('h3'), 'prechat_title'),
      h('fieldset', {}, text(h('legend'), 'kind_legend'), ...kinds),
      advice,
      h('label', { class: 'field' }, text(h('span'), 'language'), language),
      h('label', { class: 'field' }, text(h('span'), 'email'), email, text(h('span', { class: 'hint', id: 'wd-email-hint' }), 'email_hint')),
      this.prechatError,
      this.startButton,
    );
    const chosenKind = () => (new FormData(this.prechatForm).get('kind') as Kind | null) ?? null;
    this.prechatForm.addEventListener('change', () => (advice.hidden = chosenKind() !== 'stolen'));
    this.prechatForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const kind = chosenKind();
      const problem: StringKey | null = !kind ? 'choose_kind' : !email.checkValidity() ? 'email_invalid' : null;
      this.prechatError.hidden = !problem;
      if (problem) {
        this.prechatError.textContent = t(this.lang, problem);
        return;
      }
      this.startButton.disabled = true;
      this.ev.prechat({ kind: kind!, language: this.lang, email: email.value.trim() });
    });

    // --- transcript and composer ---
    this.log = label(h('ol', { class: 'log', role: 'log', 'aria-live': 'polite' }), 'title');
    this.typingLine = text(h('p', { class: 'typing', hidden: true, 'aria-live': 'polite' }), 'typing');
    this.pending = h('ul', { class: 'pending', hidden: true });
    this.input = h('textarea', { rows: '1', maxlength: '4000' });
    draw(() => {
      this.input.setAttribute('aria-label', t(this.lang, 'message'));
      this.input.placeholder = t(this.lang, 'placeholder');
    });
    const file = h('input', { type: 'file', hidden: true, tabindex: '-1' });
    label(file, 'attach');
    file.addEventListener('change', () => {
      for (const f of Array.from(file.files ?? [])) this.ev.attach(f);
      file.value = '';
    });
    const attach = label(h('button', { class: 'icon', type: 'button' }, icon(ICONS.clip)), 'attach');
    attach.addEventListener('click', () => file.click());
    const send = label(h('button', { class: 'icon send', type: 'submit' }, icon(ICONS.send)), 'send');
    const composer = h('form', { class: 'composer' }, attach, file, this.input, send);
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.ev.send(this.input.value)) {
        this.input.value = '';
        this.fit();
      }
      this.input.focus();
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition (Chinese input) is neither.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    this.input.addEventListener('input', () => {
      this.fit();
      this.ev.typing();
      this.ev.draft(this.input.value);
    });
    this.suggestionList = h('ul', { class: 'suggest-list' });
    this.suggestions = h(
      'aside',
      { class: 'suggest', hidden: true, 'aria-labelledby': 'wd-suggest-title', 'aria-live': 'polite' },
      text(h('h3', { id: 'wd-suggest-title' }), 'suggest_title'),
      text(h('p', { class: 'hint' }), 'suggest_hint'),
      this.suggestionList,
    );
    this.chat = h('div', { class: 'chat', hidden: true }, this.log, this.typingLine, this.suggestions, this.pending, composer);

    const never = text(h('p', { class: 'never' }), 'never_ask');
    this.panel = h('section', { class: 'panel', id: 'wd-panel', role: 'dialog', 'aria-labelledby': 'wd-title', hidden: true }, h('header', {}, title, recordButton, closeButton), never, this.status, this.prechatForm, this.chat);
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    this.root = h('div', { class: 'root' }, this.panel, this.launcher);
    draw(() => this.root.setAttribute('lang', this.lang));

    // Constructed style sheets are not subject to the host page's style-src CSP; a <style> element is the fallback.
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } else shadow.append(h('style', {}, CSS));
    shadow.append(this.root);
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(): void {
    this.panel.hidden = false;
    this.root.classList.add('open');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.setUnread(0);
    this.scrollDown();
    (this.prechatForm.hidden ? this.input : this.prechatForm.querySelector('input'))?.focus();
    this.ev.opened();
  }

  close(): void {
    this.panel.hidden = true;
    this.root.classList.remove('open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    for (const draw of this.drawers) draw();
    for (const [key, entry] of this.lines) this.line(key, entry.line);
    for (const [id, n] of this.notices) this.notice(id, n.key, n.values);
    this.setStatus(this.statusKey);
  }

  setBrand(name: string): void {
    this.brand = name;
    for (const draw of this.drawers) draw();
  }

  setMaxChars(n: number): void {
    this.input.maxLength = n;
  }

  setStatus(key: StringKey | null): void {
    this.statusKey = key;
    this.status.hidden = !key;
    if (key) this.status.textContent = t(this.lang, key);
  }

  /** Offers the record download once there is a conversation to record (none before the first message is stored). */
  setRecordable(on: boolean): void {
    this.recordButton.hidden = !on;
  }

  /** Shows the pre-chat step (true, with an error from the server if it refused the step) or the transcript (false). */
  showPrechat(show: boolean, error?: string): void {
    this.prechatError.hidden = !error;
    this.prechatError.textContent = error ?? '';
    // The focused step is going away: move focus to the one that replaces it.
    const moveFocus = this.isOpen && this.prechatForm.hidden === show;
    this.prechatForm.hidden = !show;
    this.chat.hidden = show;
    this.startButton.disabled = false;
    if (moveFocus) (show ? this.prechatForm.querySelector('input') : this.input)?.focus();
    this.scrollDown();
  }

  /** Adds or redraws the transcript line `key` (a message's client_id or id). */
  line(key: string, line: Line): void {
    let entry = this.lines.get(key);
    if (!entry) {
      entry = { li: h('li'), meta: h('span', { class: 'meta' }), line };
      this.lines.set(key, entry);
      this.log.append(entry.li);
    }
    entry.line = line;
    const who = line.from === 'you' ? t(this.lang, 'you') : line.from === 'system' ? t(this.lang, 'system') : line.author_name || t(this.lang, 'support');
    entry.li.className = `msg ${line.from}${line.failed ? ' failed' : ''}`;
    entry.li.replaceChildren(h('span', { class: line.from === 'you' ? 'sr' : 'who' }, who));
    // textContent, never markup: a body like "<img onerror=…>" stays those characters.
    const survey = line.from === 'system' ? surveyLink(line.body) : null;
    if (line.body) entry.li.append(h('p', { class: 'body' }, survey ? withoutLink(line.body) : line.body));
    if (survey) entry.li.append(csatControls(this.lang, survey));
    if (line.attachments.length) entry.li.append(h('ul', { class: 'files' }, ...line.attachments.map((a) => h('li', {}, this.fileLink(a), ` (${size(a.size)})`))));
    entry.li.append(entry.meta);
    this.drawMeta(key);
    this.scrollDown();
  }

  /** Puts "Seen" under the visitor's message `key` (and takes it off the one before). */
  setSeen(key: string | null): void {
    const before = this.seenKey;
    this.seenKey = key;
    if (before) this.drawMeta(before);
    if (key) this.drawMeta(key);
  }

  /** A centred notice in the transcript (conversation solved, an error…), one per `id`; null removes it. */
  notice(id: string, key: StringKey | null, values: Record<string, string | number> = {}): void {
    const existing = this.notices.get(id);
    if (!key) {
      existing?.li.remove();
      this.notices.delete(id);
      return;
    }
    const li = existing?.li ?? this.log.appendChild(h('li', { class: 'notice' }));
    li.textContent = t(this.lang, key, values);
    this.notices.set(id, { li, key, values });
    this.scrollDown();
  }

  /** No agent is online (with the brand's usual reply time, if it has one), or false when one is. */
  setAway(hours: number | null | false): void {
    this.away = hours === false ? null : hours ? 'no_agent' : 'no_agent_soon';
    this.awayHours = hours || 0;
    this.notice('away', this.away, { hours: this.awayHours });
    for (const draw of this.drawers) draw();
  }

  /** Empties the transcript (the server forgot the session: a new conversation starts). */
  clear(): void {
    this.log.replaceChildren();
    this.lines.clear();
    this.notices.clear();
    this.seenKey = null;
  }

  setTyping(on: boolean): void {
    this.typingLine.hidden = !on;
  }

  setUnread(n: number): void {
    this.unread = n;
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 9 ? '9+' : String(n);
    for (const draw of this.drawers) draw();
  }

  /** Shows the articles suggested for what the visitor is writing (an empty list hides them). */
  setSuggestions(list: Suggestion[]): void {
    this.suggestions.hidden = list.length === 0;
    this.suggestionList.replaceChildren(
      ...list.map((a) => {
        // textContent only, like messages: a title is shown as the characters it has.
        const link = h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, a.title);
        link.addEventListener('click', () => this.ev.openArticle(a));
        return h('li', {}, link, a.snippet ? h('span', { class: 'snippet' }, a.snippet) : null);
      }),
    );
  }

  setPendingFiles(files: PendingFile[]): void {
    this.pending.hidden = files.length === 0;
    this.pending.replaceChildren(
      ...files.map((f) => {
        const remove = h('button', { class: 'icon', type: 'button', 'aria-label': t(this.lang, 'remove_file', { name: f.name }) }, icon(ICONS.close));
        remove.addEventListener('click', () => this.ev.removeFile(f.key));
        const label = f.error ? t(this.lang, 'upload_failed', { name: f.name, reason: f.error }) : f.info ? f.name : t(this.lang, 'uploading', { name: f.name });
        return h('li', f.error ? { class: 'error', role: 'alert' } : {}, label, remove);
      }),
    );
  }

  private drawMeta(key: string): void {
    const entry = this.lines.get(key);
    if (entry) entry.meta.textContent = entry.line.meta ?? (key === this.seenKey ? t(this.lang, 'seen') : '');
  }

  private fileLink(file: AttachmentInfo): HTMLAnchorElement {
    const a = h('a', { href: '#', download: file.filename }, file.filename);
    a.addEventListener('click', (event) => {
      event.preventDefault();
      this.ev.download(file);
    });
    return a;
  }

  private fit(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }

  private scrollDown(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
