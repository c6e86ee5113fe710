/**
 * The widget's CSS, applied inside its shadow root. `:host { all: initial }` stops the host page's inherited
 * styles (font, colour, line height) at the border; nothing here can reach the host page.
 */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
.root{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:2px solid #0b57c4;outline-offset:2px}
[hidden]{display:none!important}
svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;
  background:#0b57c4;color:#fff;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launcher svg{width:26px;height:26px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#d1242f;
  color:#fff;font-size:12px;line-height:20px;text-align:center}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:370px;height:min(600px,calc(100vh - 108px));
  display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3)}
@media (max-width:480px){.panel{inset:0;width:auto;height:auto;border-radius:0}.open .launcher{display:none}}
header{background:#0b57c4;color:#fff;padding:10px 8px 10px 14px;display:flex;align-items:center;gap:8px}
header h2{flex:1;margin:0;font-size:16px;font-weight:600}
.icon{border:0;background:none;width:40px;height:40px;border-radius:8px;display:grid;place-items:center}
header .icon:focus-visible{outline-color:#fff}
.never{margin:0;padding:7px 14px;background:#fff4d6;color:#6b4400;font-size:13px;border-bottom:1px solid #f0dca6}
.status{margin:0;padding:6px 14px;background:#f6f8fa;color:#57606a;font-size:13px}
.prechat{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:12px}
.prechat h3{margin:0;font-size:15px}
fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
legend{font-weight:600;margin-bottom:6px}
.choice{display:flex;gap:8px;align-items:flex-start;padding:6px 8px;border:1px solid #d0d7de;border-radius:8px}
.choice input{margin:3px 0 0}
.field{display:flex;flex-direction:column;gap:4px;font-weight:600}
.field input,.field select{font-weight:400;padding:8px;border:1px solid #8c959f;border-radius:6px;background:#fff}
.hint{font-size:12px;color:#57606a;font-weight:400}
.advice{margin:0;padding:8px;border-radius:8px;background:#ffebe9;color:#82071e}
.error{margin:0;color:#cf222e}
.primary{border:0;border-radius:8px;background:#0b57c4;color:#fff;padding:10px 14px;font-weight:600}
.primary:disabled{opacity:.6;cursor:default}
.chat{flex:1;display:flex;flex-direction:column;min-height:0}
.log{flex:1;overflow-y:auto;margin:0;padding:12px;list-style:none;display:flex;flex-direction:column;gap:10px}
.msg{max-width:85%;display:flex;flex-direction:column;gap:2px;align-self:flex-start}
.msg.you{align-self:flex-end;align-items:flex-end}
.who,.meta{font-size:12px;color:#57606a}
.body{margin:0;padding:8px 11px;border-radius:12px 12px 12px 3px;background:#f1f3f5;white-space:pre-wrap;overflow-wrap:anywhere}
.you .body{border-radius:12px 12px 3px 12px;background:#0b57c4;color:#fff}
.system .body{background:#fff8e1}
.failed .body{opacity:.6}
.failed .meta{color:#cf222e}
.files{margin:2px 0 0;padding:0;list-style:none;font-size:13px}
.files a{color:#0b57c4;overflow-wrap:anywhere}
.notice{align-self:stretch;text-align:center;font-size:13px;color:#57606a;background:#f6f8fa;border-radius:8px;padding:8px 10px}
.typing{margin:0;padding:0 14px 4px;font-size:12px;color:#57606a}
.pending{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0 10px;list-style:none}
.pending li{display:flex;align-items:center;gap:2px;background:#f1f3f5;border-radius:6px;padding:2px 2px 2px 8px;font-size:12px}
.pending .icon{width:28px;height:28px}
.pending svg{width:14px;height:14px}
.composer{display:flex;align-items:flex-end;gap:4px;padding:8px;border-top:1px solid #d0d7de}
.composer textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 10px;border:1px solid #8c959f;border-radius:8px}
.composer .send{color:#0b57c4}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.suggest{margin:0 8px 6px;padding:8px 10px;border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa;max-height:40%;overflow-y:auto}
.suggest h3{margin:0;font-size:13px}
.suggest .hint{margin:2px 0 4px}
.suggest-list{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:6px}
.suggest-list a{color:#0b57c4;font-weight:600;overflow-wrap:anywhere}
.suggest-list .snippet{display:block;font-size:12px;color:#57606a;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.csat{display:flex;flex-direction:column;gap:6px;margin-top:4px;padding:8px;border:1px solid #d0d7de;border-radius:8px;background:#fff}
.csat p{margin:0;font-size:13px}
.csat-row{display:flex;gap:6px}
.csat button{padding:6px 12px;border:1px solid #8c959f;border-radius:6px;background:#fff;cursor:pointer;font:inherit}
.csat .csat-good:hover{border-color:#2da44e}
.csat .csat-bad:hover{border-color:#cf222e}
.csat select,.csat textarea{padding:6px;border:1px solid #8c959f;border-radius:6px;font:inherit}
.csat-done{color:#1a7f37;font-weight:600}
.csat-error{color:#cf222e}
`;
