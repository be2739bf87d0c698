// styles.js: the panel's CSS. Theme knobs are custom properties on :host
// (documented in attune-chat.js); light by default, dark from
// prefers-color-scheme unless theme="light", or forced with theme="dark".
// Logical properties (inline-start/end) make the layout mirror for RTL; the
// send arrow, which points the way text runs, is flipped there too.
export const PANEL_CSS = `
:host{--attune-bg:#fff;--attune-fg:#1d2129;--attune-muted:#5c6370;--attune-bubble-bot:#f1f3f5;--attune-bubble-user:var(--attune-accent);
--attune-on-bubble-user:var(--attune-on-accent);--attune-border:#d0d5dd;--attune-width:380px;--attune-height:600px;color-scheme:light}
:host([theme=dark]){--attune-bg:#1b1e24;--attune-fg:#e9ecef;--attune-muted:#aab1bb;--attune-bubble-bot:#2b3039;--attune-border:#3d434d;--attune-accent:#748ffc;--attune-on-accent:#10131a;color-scheme:dark}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){--attune-bg:#1b1e24;--attune-fg:#e9ecef;--attune-muted:#aab1bb;--attune-bubble-bot:#2b3039;--attune-border:#3d434d;--attune-accent:#748ffc;--attune-on-accent:#10131a;color-scheme:dark}}
*{box-sizing:border-box}
[hidden]{display:none!important}
.panel{position:absolute;inset-block-end:68px;inset-inline-end:0;width:var(--attune-width);height:min(var(--attune-height),calc(100vh - 110px));
display:flex;flex-direction:column;background:var(--attune-bg);color:var(--attune-fg);border:1px solid var(--attune-border);
border-radius:var(--attune-radius);box-shadow:0 12px 40px rgb(0 0 0/.28);overflow:hidden;animation:attune-in .18s ease-out}
:host([position=bottom-left]) .panel{inset-inline-end:auto;inset-inline-start:0}
:host([inline]) .panel{position:relative;inset:auto;width:100%;height:var(--attune-height);animation:none}
@keyframes attune-in{from{opacity:0;transform:translateY(12px)}}
.head{display:flex;align-items:center;gap:8px;padding-block:12px;padding-inline:16px 12px;background:var(--attune-accent);color:var(--attune-on-accent)}
.head .who{flex:1;min-width:0}
h2{margin:0;font-size:16px;line-height:1.3}
.status{font-size:13px;opacity:.9}
.icon{display:grid;place-items:center;width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:inherit;cursor:pointer;padding:0}
.icon:hover{background:rgb(255 255 255/.18)}
.icon svg{width:20px;height:20px;fill:currentColor}
button:focus-visible,textarea:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid var(--attune-fg);outline-offset:2px}
.head button:focus-visible{outline-color:var(--attune-on-accent)}
.log{flex:1;overflow-y:auto;margin:0;padding:16px;list-style:none;display:flex;flex-direction:column;gap:10px;overscroll-behavior:contain}
.msg{display:flex;flex-direction:column;max-width:85%;align-items:flex-start}
.msg.user{align-self:flex-end;align-items:flex-end}
.msg.system{align-self:center;max-width:95%;align-items:center;text-align:center;font-size:13px;color:var(--attune-muted)}
.bubble{padding:9px 13px;border-radius:14px;background:var(--attune-bubble-bot);line-height:1.45;overflow-wrap:anywhere}
.user .bubble{background:var(--attune-bubble-user);color:var(--attune-on-bubble-user)}
.agent .bubble{border:2px solid var(--attune-accent)}
.system .bubble{background:none;padding:2px 8px}
.bubble p,.bubble ul,.bubble ol{margin:0}
.bubble p+p,.bubble p+ul,.bubble p+ol,.bubble ul+p,.bubble ol+p{margin-top:6px}
.bubble ul,.bubble ol{padding-inline-start:20px}
.bubble a{color:inherit}
.meta{font-size:12px;color:var(--attune-muted);margin:3px 4px 0}
.typing .bubble{display:flex;gap:4px;padding:13px}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--attune-muted);animation:attune-dot 1s infinite}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes attune-dot{50%{opacity:.3;transform:translateY(-3px)}}
.chips{display:flex;flex-wrap:wrap;gap:6px;padding:0 16px 10px;margin:0;border:0}
.chip,.action{border:1px solid var(--attune-accent);background:var(--attune-bg);color:var(--attune-fg);border-radius:18px;padding:7px 12px;font:inherit;font-size:14px;cursor:pointer}
.chip:hover,.action:hover{background:var(--attune-bubble-bot)}
.action.primary{background:var(--attune-accent);color:var(--attune-on-accent)}
.card{align-self:stretch;max-width:none;border:1px solid var(--attune-border);border-radius:12px;padding:12px;display:flex;flex-direction:column;gap:8px}
.card p{margin:0}
.card .row{display:flex;flex-wrap:wrap;gap:6px}
.crisis{border-color:#c92a2a}
.crisis a{color:inherit;font-weight:600}
.stars{display:flex;gap:4px;border:0;margin:0;padding:0}
.share{display:flex;gap:6px;align-items:flex-start;font-size:.9em;margin-top:6px}
.card .share input{width:auto;flex:none;margin:3px 0 0}
.stars button{min-width:40px;height:40px;border:1px solid var(--attune-border);border-radius:8px;background:var(--attune-bg);color:var(--attune-fg);font:inherit;cursor:pointer}
.stars button[aria-pressed=true]{background:var(--attune-accent);color:var(--attune-on-accent)}
label{font-size:13px;color:var(--attune-muted)}
.card input,.card textarea{width:100%;font:inherit;padding:7px;border:1px solid var(--attune-border);border-radius:8px;background:var(--attune-bg);color:var(--attune-fg)}
form.composer{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid var(--attune-border)}
.count{flex-basis:100%;order:-1;text-align:end;font-size:12px;color:var(--attune-muted)}
.count.over{color:#c92a2a;font-weight:600}
.wait{flex-basis:100%;order:-2;font-size:13px;color:var(--attune-fg);background:var(--attune-bubble-bot);border-radius:8px;padding:6px 10px}
.msg.pending .bubble{opacity:.6}
.composer textarea[aria-invalid=true]{border-color:#c92a2a}
.send:disabled{opacity:.45;cursor:not-allowed;filter:none}
.queue{align-items:center;text-align:center;font-size:14px}
.card select{font:inherit;padding:6px;border:1px solid var(--attune-border);border-radius:8px;background:var(--attune-bg);color:var(--attune-fg)}
.card .note{font-size:13px;color:var(--attune-muted)}
.composer textarea{flex:1;resize:none;max-height:120px;min-height:42px;padding:10px 12px;border:1px solid var(--attune-border);border-radius:12px;font:inherit;background:var(--attune-bg);color:var(--attune-fg)}
.send{width:42px;height:42px;border-radius:12px;background:var(--attune-accent);color:var(--attune-on-accent)}
:host([dir=rtl]) .send svg{transform:scaleX(-1)}
.send:hover{background:var(--attune-accent);filter:brightness(1.1)}
.notice{margin:auto;padding:24px;text-align:center;color:var(--attune-muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){:host(:not([inline])) .panel{position:fixed;inset:0;width:100%;height:100%;border-radius:0;border:0}}
@media (prefers-reduced-motion:reduce){*,.panel{animation:none!important;transition:none!important}}
@media (forced-colors:active){.bubble,.chip,.action,.card{border:1px solid CanvasText}}
`;
