/**
 * The demo portal's HTML pages for OAuth: the sign-in page (looks like an ArcGIS sign-in page),
 * an error page for requests that must not be redirected, and a "signed out" page.
 * Offline by design: inline CSS only, no scripts, no external assets. Every echoed value is escaped.
 */

export interface DemoAccountHint {
  username: string;
  description: string;
}

export interface DemoHint {
  accounts: readonly DemoAccountHint[];
  password: string;
}

export type PageTheme = 'light' | 'dark';

export interface SignInPageModel {
  orgName: string;
  appTitle: string;
  /** Relative form action, so that the page works under every mount point. */
  action: string;
  /** The OAuth parameters carried through the form as hidden fields. */
  hidden: Readonly<Record<string, string>>;
  username: string;
  error?: string;
  /** `style` parameter: forces a theme; otherwise the page follows prefers-color-scheme. */
  theme?: PageTheme;
  demoHint?: DemoHint;
  /**
   * The page's `oAuthInfo` object, as ArcGIS sign-in pages carry it in a script block: Esri's
   * clients that sign in without a browser (the ArcGIS API for Python) read `oauth_state` and
   * `messages` from it.
   */
  oauthInfo?: Readonly<Record<string, unknown>>;
}

export interface MessagePageModel {
  title: string;
  heading: string;
  message: string;
  detail?: string;
  theme?: PageTheme;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Headers for every OAuth HTML page. `formTargets` are origins the page's form may post or redirect
 * to. A page with a form uses the `same-origin` referrer policy so that its POST carries an `Origin`
 * the portal can check (with `no-referrer` browsers send `Origin: null`).
 */
export function htmlPageHeaders(formTargets: readonly string[] | 'none'): Record<string, string> {
  const formAction = formTargets === 'none' ? "'none'" : ["'self'", ...new Set(formTargets)].join(' ');
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `form-action ${formAction}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Referrer-Policy': formTargets === 'none' ? 'no-referrer' : 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * `var oAuthInfo = {...};` as a non-executed script block (the page runs no scripts). Every `<`, `>`,
 * `&` and `;` inside the JSON is escaped, so the block cannot end early and a reader that looks for
 * the first `};` finds the object's end.
 */
function oauthInfoScript(info: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(info).replace(
    /[<>&;]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<script type="text/plain" id="oauth-info">var oAuthInfo = ${json};</script>`;
}

export function renderSignInPage(model: SignInPageModel): string {
  const hasError = Boolean(model.error);
  const invalid = hasError ? ' aria-invalid="true" aria-describedby="signin-error"' : '';
  const focusUsername = model.username === '';
  const hidden = Object.entries(model.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const body = `
  <main class="card" aria-labelledby="page-title">
    ${brand()}
    <h1 id="page-title">Sign in to ${escapeHtml(model.orgName)}</h1>
    <p class="lede">${escapeHtml(model.appTitle)} would like to access your account.</p>
    <div id="signin-error" class="error" role="alert">${hasError ? escapeHtml(model.error ?? '') : ''}</div>
    <form method="post" action="${escapeHtml(model.action)}">
      ${hidden}
      <div class="field">
        <label for="username">Username</label>
        <input id="username" name="username" type="text" value="${escapeHtml(model.username)}" autocomplete="username" autocapitalize="none" spellcheck="false" required${invalid}${focusUsername ? ' autofocus' : ''}>
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" value="" autocomplete="current-password" required${invalid}${focusUsername ? '' : ' autofocus'}>
      </div>
      <div class="check">
        <input id="persist" name="persist" type="checkbox" value="true">
        <label for="persist">Keep me signed in</label>
      </div>
      <div class="actions">
        <button type="submit" name="action" value="signin" class="primary">Sign In</button>
        <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
      </div>
    </form>
    ${model.demoHint ? demoHintBox(model.demoHint) : ''}
  </main>
  ${model.oauthInfo ? oauthInfoScript(model.oauthInfo) : ''}
  <footer>Demo portal: a local imitation of ArcGIS Online. These accounts exist only here.</footer>`;
  return document(`Sign in to ${model.orgName}`, model.theme, body, 'same-origin');
}

/**
 * The out-of-band result page: its title is `SUCCESS code=…`, which is where Esri's clients read
 * the code, and the page shows it for a person to copy.
 */
export function renderOutOfBandCodePage(code: string, appTitle: string, theme?: PageTheme): string {
  const body = `
  <main class="card" aria-labelledby="page-title">
    ${brand()}
    <h1 id="page-title">You are signed in</h1>
    <p class="message">Copy this code and paste it into ${escapeHtml(appTitle)}. It works once, within five minutes.</p>
    <p><label for="code">Authorization code</label><input id="code" type="text" readonly value="${escapeHtml(code)}"></p>
  </main>`;
  return document(`SUCCESS code=${code}`, theme, body);
}

export function renderMessagePage(model: MessagePageModel): string {
  const body = `
  <main class="card" aria-labelledby="page-title">
    ${brand()}
    <h1 id="page-title">${escapeHtml(model.heading)}</h1>
    <p class="message">${escapeHtml(model.message)}</p>
    ${model.detail ? `<p class="muted">${escapeHtml(model.detail)}</p>` : ''}
  </main>`;
  return document(model.title, model.theme, body);
}

function demoHintBox(hint: DemoHint): string {
  const items = hint.accounts
    .map(
      (a) =>
        `<li><code>${escapeHtml(a.username)}</code> <span class="muted">— ${escapeHtml(a.description)}</span></li>`,
    )
    .join('\n        ');
  return `<section class="hint" aria-labelledby="hint-title">
      <h2 id="hint-title">Demo accounts</h2>
      <p>Sign in with one of these accounts. The password is <code>${escapeHtml(hint.password)}</code> for all of them.</p>
      <ul>
        ${items}
      </ul>
    </section>`;
}

function brand(): string {
  return `<div class="brand"><svg aria-hidden="true" focusable="false" width="28" height="28" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" stroke-width="2.5"/><path d="M4 16h24M16 2c4 4 5.5 9 5.5 14S20 26 16 30M16 2c-4 4-5.5 9-5.5 14S12 26 16 30" fill="none" stroke="currentColor" stroke-width="2"/></svg><span>ArcGIS <span class="muted">demo portal</span></span></div>`;
}

function document(
  title: string,
  theme: PageTheme | undefined,
  body: string,
  referrer: 'no-referrer' | 'same-origin' = 'no-referrer',
): string {
  const themeAttr = theme ? ` data-style="${theme}"` : '';
  return `<!doctype html>
<html lang="en"${themeAttr}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="${referrer}">
  <meta name="robots" content="noindex">
  <title>${escapeHtml(title)}</title>
  <style>${STYLES}</style>
</head>
<body>${body}
</body>
</html>
`;
}

const LIGHT = {
  '--bg': '#eef0f2',
  '--card': '#ffffff',
  '--text': '#151515',
  '--muted': '#4a4a4a',
  '--border': '#6b6b6b',
  '--line': '#d4d4d4',
  '--accent': '#00619b',
  '--accent-hover': '#004874',
  '--on-accent': '#ffffff',
  '--focus': '#00619b',
  '--error-bg': '#fdecea',
  '--error-text': '#8c1a10',
  '--error-line': '#d83020',
  '--hint-bg': '#eaf3fa',
  '--hint-line': '#8fb9d9',
};

const DARK = {
  '--bg': '#151515',
  '--card': '#242424',
  '--text': '#f2f2f2',
  '--muted': '#c4c4c4',
  '--border': '#9a9a9a',
  '--line': '#3d3d3d',
  '--accent': '#5cb8ff',
  '--accent-hover': '#8fceff',
  '--on-accent': '#0b0b0b',
  '--focus': '#8fceff',
  '--error-bg': '#3b1512',
  '--error-text': '#ffc4bd',
  '--error-line': '#fe583e',
  '--hint-bg': '#1b2a36',
  '--hint-line': '#3f6a8c',
};

function vars(palette: Readonly<Record<string, string>>): string {
  return Object.entries(palette)
    .map(([name, value]) => `${name}:${value};`)
    .join('');
}

const STYLES = `
:root{color-scheme:light;${vars(LIGHT)}}
@media (prefers-color-scheme: dark){:root:not([data-style="light"]){color-scheme:dark;${vars(DARK)}}}
:root[data-style="dark"]{color-scheme:dark;${vars(DARK)}}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1rem;padding:1.5rem 1rem;background:var(--bg);color:var(--text);font:1rem/1.5 "Avenir Next","Segoe UI",system-ui,-apple-system,Roboto,"Helvetica Neue",Arial,sans-serif}
.card{width:100%;max-width:27rem;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:2rem 2rem 1.75rem;box-shadow:0 2px 12px rgb(0 0 0 / 12%)}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:600;color:var(--accent);margin-bottom:1.25rem}
.brand .muted{font-weight:400}
h1{font-size:1.5rem;line-height:1.25;font-weight:600;margin:0 0 .5rem}
h2{font-size:1rem;margin:0 0 .25rem}
p{margin:0 0 1rem}
.lede,.message{color:var(--text)}
.muted{color:var(--muted)}
.error{margin:0 0 1rem;padding:.625rem .875rem;border:1px solid var(--error-line);border-left-width:4px;border-radius:4px;background:var(--error-bg);color:var(--error-text);font-weight:600}
.error:empty{display:none}
form{margin:0}
.field{margin-bottom:1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.check{display:flex;align-items:center;gap:.5rem;margin:.25rem 0 1rem}.check input{width:1.1rem;height:1.1rem}
input[type="text"],input[type="password"]{width:100%;font:inherit;color:var(--text);background:var(--card);border:1px solid var(--border);border-radius:4px;padding:.5rem .75rem;min-height:2.75rem}
input[aria-invalid="true"]{border-color:var(--error-line)}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:4px;cursor:pointer;border:1px solid var(--accent)}
button.primary{flex:1 1 10rem;background:var(--accent);color:var(--on-accent)}
button.primary:hover{background:var(--accent-hover);border-color:var(--accent-hover)}
button.secondary{flex:0 1 auto;background:transparent;color:var(--accent)}
button.secondary:hover{background:var(--hint-bg)}
.hint{margin-top:1.5rem;padding:.875rem 1rem;border:1px solid var(--hint-line);border-radius:4px;background:var(--hint-bg);font-size:.9375rem}
.hint p{margin:0 0 .5rem}
.hint ul{margin:0;padding-left:1.25rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9375em}
footer{max-width:27rem;text-align:center;font-size:.875rem;color:var(--muted)}
@media (max-width:30rem){body{padding:0;justify-content:flex-start}.card{border-radius:0;border-left:0;border-right:0;padding:1.5rem 1.25rem}footer{padding:0 1rem 1rem}}
@media (forced-colors:active){.error,.hint,.card{border:1px solid CanvasText}button{border:1px solid ButtonText}}
`;
