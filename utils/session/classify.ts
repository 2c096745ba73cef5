import type { SessionState } from './state';

/**
 * Classify a page as `login`, `signed-in`, `signed-out` or `unknown`.
 *
 * Pure apart from reading the `document` it is given, so it runs the same in the content script,
 * in happy-dom tests, and (serialised) in the popup's one-off "Check this page" scan.
 *
 * Order matters, and follows what a person would conclude:
 * 1. A visible sign-out control means a signed-in session, even when the page also has password
 *    fields (a change-password page is still a signed-in page).
 * 2. Otherwise a visible form with a password field is a sign-in page.
 * 3. Otherwise a signed-out URL or a "you have signed out" message means signed out.
 * 4. Otherwise we do not know, and say so, rather than guess.
 *
 * The page can lie to us (it controls its DOM), so the result is only ever shown as a hint about
 * the page; it never grants the page anything.
 */

export interface PlatformSignals {
  loginPaths?: readonly string[];
  signedOutPaths?: readonly string[];
  logoutSelectors?: readonly string[];
}

export interface Classification {
  state: SessionState;
  /** Short reasons, for the popup's "why" and for tests. */
  evidence: string[];
}

const LOGOUT_TEXT = /^\s*(?:log\s?-?\s?out|sign\s?-?\s?out|log\s+off|sign\s+off)\b/i;
const LOGOUT_HREF = /(?:log-?out|sign-?out|log-?off|endsession|end_session)/i;
const GENERIC_LOGIN_PATH = /\/(?:log-?in|sign-?in|authentication\/login|auth\/login|account\/login)(?:[/.?#]|$)/i;
const GENERIC_SIGNED_OUT_PATH = /\/(?:log-?out|logged-?out|sign-?out|signed-?out|session-?ended)(?:[/.?#]|$)/i;
const SIGNED_OUT_TEXT = /\byou\s+(?:have\s+)?(?:been\s+|successfully\s+)*(?:signed|logged)\s+out\b/i;

// Only interactive elements count as controls; a paragraph saying "sign out" is not one.
const CONTROL_SELECTOR = 'a[href], button, input[type=submit], input[type=button], [role=button], [role=menuitem]';

export function classifyPage(doc: Document, url: URL, signals: PlatformSignals = {}): Classification {
  const path = url.pathname;

  const logout = findLogoutControl(doc, signals.logoutSelectors ?? []);
  if (logout) return { state: 'signed-in', evidence: [logout] };

  const password = [...doc.querySelectorAll<HTMLInputElement>('input[type=password]')].find((input) => isVisible(input) && !input.disabled);
  if (password) {
    const evidence = ['password-field'];
    if (matchesAny(path, signals.loginPaths) || GENERIC_LOGIN_PATH.test(path)) evidence.push('login-path');
    return { state: 'login', evidence };
  }

  if (matchesAny(path, signals.signedOutPaths) || GENERIC_SIGNED_OUT_PATH.test(path)) return { state: 'signed-out', evidence: ['signed-out-path'] };
  // Reading text is the costliest check, so it comes last and looks at headings and alerts only.
  const message = [...doc.querySelectorAll('h1, h2, [role=alert], [role=status], .alert, main p')].slice(0, 40).some((node) => SIGNED_OUT_TEXT.test(node.textContent ?? ''));
  if (message) return { state: 'signed-out', evidence: ['signed-out-message'] };

  // A login URL whose form is not rendered yet (single-page apps) is still most likely the login page.
  if (matchesAny(path, signals.loginPaths) || GENERIC_LOGIN_PATH.test(path)) return { state: 'login', evidence: ['login-path'] };

  return { state: 'unknown', evidence: [] };
}

function findLogoutControl(doc: Document, platformSelectors: readonly string[]): string | undefined {
  for (const selector of platformSelectors) {
    try {
      const element = doc.querySelector(selector);
      if (element && isVisible(element)) return 'platform-logout-control';
    } catch {
      // A bad selector in a custom portal must not break detection.
    }
  }
  for (const element of doc.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)) {
    const label = element instanceof HTMLInputElement ? element.value : (element.textContent ?? element.getAttribute('aria-label') ?? '');
    const href = element instanceof HTMLAnchorElement ? element.getAttribute('href') ?? '' : '';
    if ((LOGOUT_TEXT.test(label) || LOGOUT_TEXT.test(element.getAttribute('aria-label') ?? '') || LOGOUT_HREF.test(href)) && isVisible(element)) {
      return 'logout-control';
    }
  }
  return undefined;
}

function matchesAny(path: string, patterns: readonly string[] | undefined): boolean {
  return (patterns ?? []).some((pattern) => {
    try {
      return new RegExp(pattern, 'i').test(path);
    } catch {
      return false;
    }
  });
}

/**
 * Hidden controls do not count: many portals keep a hidden logout link in a menu template on the
 * login page. One native `closest()` finds `hidden` and `aria-hidden` ancestors; the browser's own
 * `checkVisibility()` then answers for CSS (`display: none` anywhere up the tree, `visibility`).
 * Both are native, so this stays cheap on the content script's start-up path. Environments
 * without `checkVisibility` (happy-dom in unit tests, older browsers) fall back to inline styles
 * and the computed style.
 */
export function isVisible(element: Element): boolean {
  if (element.closest('[hidden], [aria-hidden="true"]')) return false;
  if (element instanceof HTMLInputElement && element.type === 'hidden') return false;
  if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true });
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = (node as HTMLElement).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  const view = element.ownerDocument.defaultView;
  if (view && typeof view.getComputedStyle === 'function') {
    const computed = view.getComputedStyle(element);
    if (computed.display === 'none' || computed.visibility === 'hidden') return false;
  }
  return true;
}
