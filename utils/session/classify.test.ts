import { describe, expect, it } from 'vitest';
import { classifyPage, type PlatformSignals } from './classify';

const MYCHART: PlatformSignals = { loginPaths: ['^/mychart/authentication/login'], logoutSelectors: ['#logout-mychart'] };

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('fixture');
  doc.body.innerHTML = html; // eslint-disable-line no-restricted-properties -- trusted test fixture
  return doc;
}

// Real page shapes, simplified: what each portal shows at each step.
const cases: [name: string, url: string, html: string, signals: PlatformSignals, expected: string, evidence: string[]][] = [
  ['MMH login form', 'https://portal.managemyhealth.co.nz/', '<form><input name="email"><input type="password" name="pw"><button>Log in</button></form>', {}, 'login', ['password-field']],
  ['MyChart login path and form', 'https://mychart.clevelandclinic.org/MyChart/Authentication/Login', '<form><input id="Login"><input type="password"><input type="submit" value="Sign In"></form>', MYCHART, 'login', ['password-field', 'login-path']],
  ['MyChart login path before the SPA renders the form', 'https://mychart.clevelandclinic.org/MyChart/Authentication/Login', '<div id="app"></div>', MYCHART, 'login', ['login-path']],
  ['generic /signin path with no form yet', 'https://my.gov.au/signin', '<div></div>', {}, 'login', ['login-path']],
  ['dashboard with a Log out link', 'https://portal.managemyhealth.co.nz/dashboard', '<nav><a href="/logout">Log out</a></nav><h1>Welcome</h1>', {}, 'signed-in', ['logout-control']],
  ['Sign out button', 'https://www.nhs.uk/account', '<header><button type="button">Sign out</button></header>', {}, 'signed-in', ['logout-control']],
  ['logout by href only (icon link)', 'https://example.org/home', '<a href="/Account/LogOff" aria-label="Leave"><img alt=""></a>', {}, 'signed-in', ['logout-control']],
  ['input type=submit Sign Out', 'https://example.org/home', '<form action="/x"><input type="submit" value="Sign Out"></form>', {}, 'signed-in', ['logout-control']],
  ['platform logout selector', 'https://mychart.clevelandclinic.org/MyChart/Home', '<a id="logout-mychart" href="#">Leave MyChart</a>', MYCHART, 'signed-in', ['platform-logout-control']],
  ['change-password page: logout beats password fields', 'https://portal.managemyhealth.co.nz/account/password', '<a href="/logout">Log out</a><form><input type="password"><input type="password"><input type="password"></form>', {}, 'signed-in', ['logout-control']],
  ['hidden logout template on a login page', 'https://portal.managemyhealth.co.nz/', '<div hidden><a href="/logout">Log out</a></div><form><input type="password"></form>', {}, 'login', ['password-field']],
  ['logout in display:none menu', 'https://example.org/', '<div style="display:none"><a href="/logout">Sign out</a></div>', {}, 'unknown', []],
  ['aria-hidden logout', 'https://example.org/', '<div aria-hidden="true"><button>Log out</button></div>', {}, 'unknown', []],
  ['hidden password input does not make a login page', 'https://example.org/', '<form><input type="password" hidden></form>', {}, 'unknown', []],
  ['disabled password input', 'https://example.org/', '<form><input type="password" disabled></form>', {}, 'unknown', []],
  ['text that mentions signing out is not a control', 'https://example.org/help', '<p>To sign out, use the menu.</p>', {}, 'unknown', []],
  ['"Logout" in the middle of a sentence on a button does not count', 'https://example.org/', '<button>How to log out safely</button>', {}, 'unknown', []],
  ['signed-out path', 'https://portal.managemyhealth.co.nz/logout', '<h1>Goodbye</h1>', {}, 'signed-out', ['signed-out-path']],
  ['LoggedOut path', 'https://mychart.clevelandclinic.org/MyChart/Authentication/LoggedOut', '<h1>MyChart</h1>', {}, 'signed-out', ['signed-out-path']],
  ['signed-out message in a heading', 'https://example.org/bye', '<h1>You have been signed out</h1>', {}, 'signed-out', ['signed-out-message']],
  ['logged-out alert', 'https://example.org/bye', '<div role="alert">You have successfully logged out.</div>', {}, 'signed-out', ['signed-out-message']],
  ['signed-out page that offers to sign in again is a login page', 'https://example.org/logout', '<h1>You have signed out</h1><form><input type="password"></form>', {}, 'login', ['password-field']],
  ['empty page', 'https://example.org/', '', {}, 'unknown', []],
  ['bad platform selector is ignored', 'https://example.org/', '<a href="/logout">Log out</a>', { logoutSelectors: ['###'] }, 'signed-in', ['logout-control']],
];

describe('classifyPage', () => {
  it.each(cases)('%s', (_name, url, html, signals, expected, evidence) => {
    const result = classifyPage(page(html), new URL(url), signals);
    expect(result.state).toBe(expected);
    expect(result.evidence).toEqual(evidence);
  });
});
