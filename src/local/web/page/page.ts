import { createHash } from 'node:crypto';
import { PAGE_SCRIPT } from './script';
import { PAGE_STYLES } from './styles';

/** The page and the Content-Security-Policy that lets only its own style and script run. */
export type RenderedPage = { readonly html: string; readonly contentSecurityPolicy: string };

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const BODY = String.raw`
<a class="skip-link" href="#say-input">Skip to what the shopper says</a>
<header class="top">
  <h1>Voice shop simulator</h1>
  <p>Alexa and Amazon Pay, offline: the real skill handler and order store, and nothing is ever charged.</p>
</header>
<main class="layout">
  <section class="panel controls" aria-labelledby="controls-title">
    <h2 id="controls-title">Shopper and device</h2>
    <div class="field">
      <label for="locale">Locale</label>
      <select id="locale" name="locale"></select>
    </div>
    <div class="field">
      <label for="device">Device</label>
      <select id="device" name="device">
        <option value="screen">Echo Show (with a screen)</option>
        <option value="voice">Echo Dot (voice only, no screen)</option>
      </select>
    </div>
    <div class="field">
      <label for="consent">Amazon Pay permission</label>
      <select id="consent" name="consent" aria-describedby="consent-hint">
        <option value="GRANTED">Granted</option>
        <option value="DENIED">Denied</option>
        <option value="missing">Missing (never asked)</option>
      </select>
      <p class="hint" id="consent-hint">The shopper's payments:autopay_consent in the request.</p>
    </div>
    <div class="field">
      <span class="check">
        <input type="checkbox" id="voice-purchasing" name="voice-purchasing" checked aria-describedby="voice-hint">
        <label for="voice-purchasing">Voice purchasing on</label>
      </span>
      <p class="hint" id="voice-hint">Off: Amazon Pay answers Setup with VoicePurchaseNotEnabled.</p>
    </div>
    <div class="field">
      <label for="scenario">Amazon Pay scenario</label>
      <select id="scenario" name="scenario" aria-describedby="scenario-description"></select>
      <p class="hint" id="scenario-description"></p>
    </div>
    <div class="buttons">
      <button type="button" id="new-session">New session</button>
      <button type="button" id="reset">Reset store</button>
      <a class="button" id="export" href="/api/transcript" download="simulator-transcript.json">Export transcript</a>
    </div>
    <h3 id="examples-title">Try saying</h3>
    <ul class="examples" id="examples" aria-labelledby="examples-title"></ul>
  </section>
  <section class="panel conversation" aria-labelledby="conversation-title">
    <h2 id="conversation-title">Conversation</h2>
    <ol class="turns" id="turns" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="conversation-title"></ol>
    <form class="say-form" id="say-form" autocomplete="off">
      <div class="field">
        <label for="say-input">The shopper says</label>
        <input type="text" id="say-input" name="say" maxlength="200" placeholder="open blue kettle coffee" aria-describedby="say-hint">
        <p class="hint" id="say-hint">Press Enter to say it. Words are matched with the locale's interaction model.</p>
      </div>
      <button type="submit" class="primary" id="say-button">Say</button>
    </form>
    <p class="status" id="status" role="status" aria-live="polite"></p>
  </section>
  <div class="side">
    <section class="panel order" aria-labelledby="order-title">
      <h2 id="order-title">Order timeline</h2>
      <div id="order" aria-live="polite"></div>
    </section>
    <section class="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Inspector</h2>
      <p class="hint">Every envelope on the wire. Amazon Pay's Connections directives and responses are marked. Alexa accepts responses of up to 24 KB.</p>
      <ol class="envelopes" id="envelopes" aria-labelledby="inspector-title"></ol>
    </section>
  </div>
</main>
`;

/**
 * Renders the simulator's one page: HTML with its style sheet and script inline, so that it needs
 * nothing but this server, and a Content-Security-Policy that allows exactly that style and script.
 */
export function renderPage(): RenderedPage {
  const html =
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<title>Voice shop simulator</title>\n' +
    `<style>${PAGE_STYLES}</style>\n</head>\n<body>${BODY}<script>${PAGE_SCRIPT}</script>\n</body>\n</html>\n`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${sha256(PAGE_SCRIPT)}`,
    `style-src ${sha256(PAGE_STYLES)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
