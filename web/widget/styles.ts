/**
 * The widget's CSS, applied inside its shadow root. `:host { all: initial }` stops the host page's inherited
 * styles (font, colour, line height) at the border; nothing here can reach the host page.
 */
export const CSS = `
:host{all:initial}
/* The design tokens of web/shared/tokens.css (test/web/tokens.test.ts keeps them equal); dark when the host element
   says so (theme.ts resolves the site's choice, the system's or our own page's). */
.root{color-scheme:light;--bg:#f6f7f9;--surface:#ffffff;--surface-2:#eef1f4;--fg:#1a1f24;--muted:#4f5a65;--line:#d5dae0;--line-strong:#7c8791;--accent:#0b5cad;--accent-fg:#ffffff;--focus:#f0a500;--danger:#a3161f;--danger-fg:#ffffff;--danger-soft:#fbe4e4;--ok:#1c6b32;--warn:#8a4a00;--note-bg:#fff6d6;--note-line:#b58900}
:host([data-theme=dark]) .root{color-scheme:dark;--bg:#0f141a;--surface:#171d24;--surface-2:#222b35;--fg:#e6eaef;--muted:#a3adb8;--line:#303b47;--line-strong:#6f7c8a;--accent:#6cb0f5;--accent-fg:#0b1520;--focus:#f0b429;--danger:#ff8f8f;--danger-fg:#1a0506;--danger-soft:#3d1a1d;--ok:#6fd08c;--warn:#f3b36b;--note-bg:#332b10;--note-line:#c9a227}
*{box-sizing:border-box}
.root{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg)}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer}
input[type=radio],input[type=checkbox]{accent-color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
[hidden]{display:none!important}
svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;
  background:var(--accent);color:var(--accent-fg);display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launcher svg{width:26px;height:26px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:var(--danger);
  color:var(--danger-fg);font-size:12px;line-height:20px;text-align:center}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:370px;height:min(600px,calc(100vh - 108px));
  display:flex;flex-direction:column;background:var(--surface);border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}
@media (max-width:480px){.panel{inset:0;width:auto;height:auto;border-radius:0}.open .launcher{display:none}}
header{background:var(--accent);color:var(--accent-fg);padding:10px 8px 10px 14px;display:flex;align-items:center;gap:8px}
header h2{flex:1;margin:0;font-size:16px;font-weight:600}
.icon{border:0;background:none;width:40px;height:40px;border-radius:8px;display:grid;place-items:center}
header .icon:focus-visible{outline-color:var(--accent-fg)}
.never{margin:0;padding:7px 14px;background:var(--note-bg);color:var(--warn);font-size:13px;border-bottom:1px solid var(--note-line)}
.status{margin:0;padding:6px 14px;background:var(--surface-2);color:var(--muted);font-size:13px}
.prechat{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:12px}
.prechat h3{margin:0;font-size:15px}
fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
legend{font-weight:600;margin-bottom:6px}
.choice{display:flex;gap:8px;align-items:flex-start;padding:6px 8px;border:1px solid var(--line);border-radius:8px}
.choice input{margin:3px 0 0}
.field{display:flex;flex-direction:column;gap:4px;font-weight:600}
.field input,.field select{font-weight:400;padding:8px;border:1px solid var(--line-strong);border-radius:6px;background:var(--surface)}
.hint{font-size:12px;color:var(--muted);font-weight:400}
.advice{margin:0;padding:8px;border-radius:8px;background:var(--danger-soft);color:var(--danger)}
.error{margin:0;color:var(--danger)}
.primary{border:0;border-radius:8px;background:var(--accent);color:var(--accent-fg);padding:10px 14px;font-weight:600}
.primary:disabled{opacity:.6;cursor:default}
.chat{flex:1;display:flex;flex-direction:column;min-height:0}
.log{flex:1;overflow-y:auto;margin:0;padding:12px;list-style:none;display:flex;flex-direction:column;gap:10px}
.msg{max-width:85%;display:flex;flex-direction:column;gap:2px;align-self:flex-start}
.msg.you{align-self:flex-end;align-items:flex-end}
.who,.meta{font-size:12px;color:var(--muted)}
.body{margin:0;padding:8px 11px;border-radius:12px 12px 12px 3px;background:var(--surface-2);white-space:pre-wrap;overflow-wrap:anywhere}
.you .body{border-radius:12px 12px 3px 12px;background:var(--accent);color:var(--accent-fg)}
.system .body{background:var(--note-bg)}
.failed .body{opacity:.6}
.failed .meta{color:var(--danger)}
.files{margin:2px 0 0;padding:0;list-style:none;font-size:13px}
.files a{color:var(--accent);overflow-wrap:anywhere}
.notice{align-self:stretch;text-align:center;font-size:13px;color:var(--muted);background:var(--surface-2);border-radius:8px;padding:8px 10px}
.typing{margin:0;padding:0 14px 4px;font-size:12px;color:var(--muted)}
.pending{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0 10px;list-style:none}
.pending li{display:flex;align-items:center;gap:2px;background:var(--surface-2);border-radius:6px;padding:2px 2px 2px 8px;font-size:12px}
.pending .icon{width:28px;height:28px}
.pending svg{width:14px;height:14px}
.composer{display:flex;align-items:flex-end;gap:4px;padding:8px;border-top:1px solid var(--line)}
.composer textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 10px;border:1px solid var(--line-strong);border-radius:8px;background:var(--surface)}
.composer .send{color:var(--accent)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.suggest{margin:0 8px 6px;padding:8px 10px;border:1px solid var(--line);border-radius:8px;background:var(--surface-2);max-height:40%;overflow-y:auto}
.suggest h3{margin:0;font-size:13px}
.suggest .hint{margin:2px 0 4px}
.suggest-list{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:6px}
.suggest-list a{color:var(--accent);font-weight:600;overflow-wrap:anywhere}
.suggest-list .snippet{display:block;font-size:12px;color:var(--muted);overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.csat{display:flex;flex-direction:column;gap:6px;margin-top:4px;padding:8px;border:1px solid var(--line);border-radius:8px;background:var(--surface)}
.csat p{margin:0;font-size:13px}
.csat-row{display:flex;gap:6px}
.csat button{padding:6px 12px;border:1px solid var(--line-strong);border-radius:6px;background:var(--surface);cursor:pointer;font:inherit}
.csat .csat-good:hover{border-color:var(--ok)}
.csat .csat-bad:hover{border-color:var(--danger)}
.csat select,.csat textarea{padding:6px;border:1px solid var(--line-strong);background:var(--surface);border-radius:6px;font:inherit}
.csat-done{color:var(--ok);font-weight:600}
.csat-error{color:var(--danger)}
`;
