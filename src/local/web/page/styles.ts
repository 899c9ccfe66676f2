/** The page's style sheet: system fonts only, nothing loaded from anywhere. */
export const PAGE_STYLES = String.raw`
:root {
  --ink: #1b1f24;
  --muted: #4a5360;
  --line: #c9d0d8;
  --paper: #ffffff;
  --ground: #eef1f4;
  --focus: #0b57d0;
  --shopper: #e6efff;
  --shopper-line: #7aa2e3;
  --alexa: #e4f5f9;
  --alexa-line: #1c7c96;
  --pay: #fff3df;
  --pay-line: #c76b00;
  --pay-ink: #5a3300;
  --ok: #1d6b32;
  --ok-ground: #e2f3e6;
  --bad: #9b1c1c;
  --bad-ground: #fbe7e7;
  --wait: #6b4c00;
  --wait-ground: #fff1c7;
  --mono: ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font-size: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif;
  font-size: 0.95rem;
  line-height: 1.45;
  color: var(--ink);
  background: var(--ground);
}
a { color: var(--focus); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: var(--paper); padding: 0.5rem 0.75rem; z-index: 10; border: 2px solid var(--focus); }
.skip-link:focus { top: 0.5rem; }
header.top {
  display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap;
  padding: 0.6rem 1.25rem; background: #232f3e; color: #fff;
}
header.top h1 { font-size: 1.2rem; margin: 0; }
header.top p { margin: 0; color: #d5dbe3; font-size: 0.88rem; }
.layout {
  display: grid;
  grid-template-columns: minmax(220px, 270px) minmax(0, 1fr) minmax(320px, 430px);
  gap: 0.9rem;
  padding: 0.9rem;
  height: calc(100vh - 2.9rem);
}
.panel {
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 0.8rem 0.95rem; min-height: 0;
}
.panel h2 { font-size: 1.02rem; margin: 0 0 0.6rem; }
.panel h3 { font-size: 0.92rem; margin: 0.9rem 0 0.4rem; }
.controls { overflow: auto; }
.field { margin-bottom: 0.7rem; }
.field label, .field .label { display: block; font-weight: 600; margin-bottom: 0.2rem; font-size: 0.88rem; }
select, input[type='text'], button, .button {
  font: inherit; font-size: 0.92rem; color: var(--ink);
}
select, input[type='text'] {
  width: 100%; padding: 0.38rem 0.45rem; border: 1px solid #8a96a3; border-radius: 5px; background: #fff;
}
.check { display: flex; gap: 0.45rem; align-items: center; font-weight: 600; font-size: 0.88rem; }
.check input { width: 1.1rem; height: 1.1rem; margin: 0; }
.hint { color: var(--muted); font-size: 0.82rem; margin: 0.25rem 0 0; }
button, .button {
  display: inline-block; padding: 0.4rem 0.75rem; border-radius: 5px; border: 1px solid #5b6673;
  background: #f6f8fa; cursor: pointer; text-decoration: none; line-height: 1.3;
}
button:hover, .button:hover { background: #e8ecf0; }
button.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
button.primary:hover { background: #0a4bb3; }
button[disabled] { opacity: 0.6; cursor: progress; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.45rem; margin-top: 0.4rem; }
.examples { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.3rem; }
.examples button { width: 100%; text-align: left; font-size: 0.85rem; background: #fff; }
.conversation { display: flex; flex-direction: column; }
.turns { list-style: none; margin: 0; padding: 0 0.2rem 0 0; overflow: auto; flex: 1 1 auto; min-height: 8rem; }
.turns .empty { color: var(--muted); }
.turn { margin: 0 0 0.85rem; }
.turn-meta { color: var(--muted); font-size: 0.78rem; margin: 0 0 0.2rem; font-family: var(--mono); }
.bubble { border-radius: 10px; padding: 0.5rem 0.75rem; border: 1px solid; max-width: 46rem; }
.bubble p { margin: 0.15rem 0; }
.who { font-weight: 700; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; display: block; }
.shopper { background: var(--shopper); border-color: var(--shopper-line); margin-left: auto; width: fit-content; max-width: 80%; }
.heard { font-size: 0.82rem; color: var(--muted); text-align: right; margin: 0.2rem 0 0.35rem; }
.alexa { background: var(--alexa); border-color: var(--alexa-line); margin-top: 0.35rem; }
.speech { font-size: 1rem; }
.reprompt { color: var(--muted); font-size: 0.88rem; }
.amazonpay { background: var(--pay); border-color: var(--pay-line); color: var(--pay-ink); }
.amazonpay .answer { font-weight: 700; }
.system { background: #f1f3f5; border-color: #aab3bd; color: var(--muted); }
.session-note { font-size: 0.8rem; color: var(--muted); }
details.ssml summary { font-size: 0.8rem; color: var(--alexa-line); cursor: pointer; }
pre, code { font-family: var(--mono); font-size: 0.78rem; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; border: 1px solid #dde3e9; border-radius: 5px; padding: 0.45rem; margin: 0.3rem 0; max-height: 28rem; overflow: auto; }
.directives { list-style: none; padding: 0; margin: 0.35rem 0 0; }
.directives li { font-family: var(--mono); font-size: 0.78rem; padding: 0.2rem 0.4rem; border-radius: 4px; background: #f1f3f5; margin-top: 0.2rem; word-break: break-all; }
.directives li.connections { background: var(--pay); border-left: 4px solid var(--pay-line); color: var(--pay-ink); }
.alexa-card { margin: 0.5rem 0 0.2rem; background: #fff; border: 1px solid #c2cad3; border-radius: 10px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); max-width: 26rem; overflow: hidden; }
.alexa-card .card-app { background: #232f3e; color: #fff; font-size: 0.75rem; padding: 0.3rem 0.7rem; display: flex; justify-content: space-between; }
.alexa-card .card-inner { padding: 0.55rem 0.8rem 0.7rem; }
.alexa-card h4 { margin: 0 0 0.3rem; font-size: 0.98rem; }
.alexa-card .card-body { white-space: pre-line; margin: 0; font-size: 0.88rem; }
.alexa-card .card-action { display: inline-block; margin-top: 0.5rem; padding: 0.3rem 0.7rem; border-radius: 16px; background: #0b57d0; color: #fff; font-size: 0.82rem; }
.say-form { display: flex; gap: 0.5rem; align-items: flex-end; border-top: 1px solid var(--line); padding-top: 0.6rem; margin-top: 0.4rem; }
.say-form .field { flex: 1; margin: 0; }
.status { min-height: 1.3rem; font-size: 0.85rem; color: var(--muted); margin: 0.35rem 0 0; }
.status.error { color: var(--bad); font-weight: 600; }
.side { display: flex; flex-direction: column; gap: 0.9rem; min-height: 0; }
.order { overflow: auto; flex: 0 0 auto; max-height: 60%; }
.inspector { overflow: auto; flex: 1 1 0; min-height: 8rem; padding-top: 0; }
.inspector h2 { position: sticky; top: 0; background: var(--paper); padding-top: 0.8rem; padding-bottom: 0.2rem; margin-bottom: 0.3rem; z-index: 1; }
.badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-weight: 700; font-size: 0.82rem; border: 1px solid; }
.status-paid, .status-shipped { color: var(--ok); background: var(--ok-ground); border-color: var(--ok); }
.status-declined, .status-failed, .status-cancelled { color: var(--bad); background: var(--bad-ground); border-color: var(--bad); }
.status-awaiting-confirmation, .status-setup-pending, .status-charge-pending, .status-held-for-review, .status-certification-test { color: var(--wait); background: var(--wait-ground); border-color: var(--wait); }
.order-id { margin: 0 0 0.3rem; font-size: 0.84rem; }
.order-id code { word-break: break-all; }
.order-head { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin: 0 0 0.4rem; }
.payment { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.6rem; margin: 0.3rem 0; font-size: 0.84rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-family: var(--mono); font-size: 0.8rem; word-break: break-all; }
table.lines { border-collapse: collapse; width: 100%; font-size: 0.84rem; }
table.lines th, table.lines td { text-align: left; padding: 0.15rem 0.3rem; border-bottom: 1px solid #e3e7eb; }
table.lines td.num, table.lines th.num { text-align: right; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 0.9rem; border-left: 3px solid var(--line); }
ol.timeline li { position: relative; margin: 0 0 0.35rem; padding-left: 0.3rem; }
ol.timeline li::before { content: ''; position: absolute; left: -1.3rem; top: 0.35rem; width: 0.7rem; height: 0.7rem; border-radius: 50%; background: #7b8794; }
ol.timeline li.last::before { background: var(--focus); }
ol.timeline time { font-family: var(--mono); font-size: 0.78rem; color: var(--muted); margin-left: 0.35rem; }
.wire { list-style: none; padding: 0; margin: 0; font-size: 0.82rem; }
.wire li { margin-bottom: 0.25rem; }
.wire code { background: var(--pay); padding: 0 0.2rem; border-radius: 3px; word-break: break-all; }
.envelopes { list-style: none; margin: 0; padding: 0; }
.envelopes li { border: 1px solid #dde3e9; border-radius: 6px; margin-bottom: 0.35rem; background: #fbfcfd; }
.envelopes li.connections { border-left: 5px solid var(--pay-line); background: var(--pay); }
.envelopes summary { cursor: pointer; padding: 0.3rem 0.5rem; font-size: 0.84rem; }
.envelopes .envelope-body { padding: 0 0.5rem 0.4rem; }
.envelopes .tag { font-family: var(--mono); font-size: 0.75rem; background: var(--pay-line); color: #fff; border-radius: 3px; padding: 0 0.3rem; margin-left: 0.25rem; }
.size { font-size: 0.78rem; color: var(--muted); }
.size.over { color: var(--bad); font-weight: 700; }
meter { width: 5rem; height: 0.8rem; vertical-align: middle; }
@media (max-width: 1180px) {
  .layout { grid-template-columns: minmax(220px, 260px) minmax(0, 1fr); height: auto; }
  .side { grid-column: 1 / -1; }
  .order { max-height: none; }
  .turns { max-height: 70vh; }
}
@media (max-width: 760px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
}
@media (prefers-reduced-motion: no-preference) {
  .turn { animation: appear 160ms ease-out; }
  @keyframes appear { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
}
`;
