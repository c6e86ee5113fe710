/**
 * The chat widget's entry, built into one classic script (web/dist/widget/widget.js, served at
 * /chat/widget.js). A host page embeds it with
 *   <script src="https://desk.example.com/chat/widget.js" data-brand="BRAND" data-language="en" async></script>
 * and may set window.walletdeskChat = { identity, device, theme } first (docs/chat.md); `theme` (or data-theme)
 * is light, dark or auto. The desk's address is the script's own origin. It adds window.walletdeskChat.open(),
 * .close() for the host's own buttons and .setTheme() for a site with its own light/dark switch.
 */
import { Chat, type HostConfig } from './chat';
import { pickLang } from './strings';
import { followTheme, pickTheme, type WidgetTheme } from './theme';

type Global = typeof globalThis & {
  walletdeskChat?: HostConfig & { theme?: WidgetTheme; open?(): void; close?(): void; setTheme?(theme: WidgetTheme): void; loaded?: boolean };
};

// currentScript is only set while this script first runs, so it is read here, before anything waits.
const script = (document.currentScript ?? document.querySelector('script[src*="/chat/widget.js"]')) as HTMLScriptElement | null;
const global = globalThis as Global;
const host = (global.walletdeskChat ??= {});
const brand = script?.dataset.brand;

// Loading the snippet twice must not draw two widgets.
if (script && brand && !host.loaded) {
  host.loaded = true;
  const mount = () => {
    const element = document.createElement('walletdesk-chat');
    const origin = new URL(script.src, location.href).origin;
    // The init option wins over the attribute: a site's script can decide after the snippet was pasted.
    const theme = followTheme(element, pickTheme(host.theme ?? script.dataset.theme), origin === location.origin);
    // 'open' keeps the widget reachable for tests and assistive tools; a closed root would not keep the host
    // page's scripts out anyway (they run in the same window), while the shadow DOM keeps its CSS out either way.
    const chat = new Chat(element.attachShadow({ mode: 'open' }), {
      origin,
      brand,
      lang: pickLang(script.dataset.language || navigator.language),
      host,
    });
    document.body.append(element);
    host.open = () => chat.open();
    host.close = () => chat.close();
    host.setTheme = (next) => theme.set(next);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}
