/**
 * The sites the e2e server stands in for. Each is served on 127.0.0.1 under its REAL hostname
 * (the browsers map every name onto the local server), so the manifest's real https match
 * patterns decide where the content script runs, exactly as for a user.
 *
 * Routes are exact paths, or a prefix ending in `*` for a single-page app's client-side routes.
 */

export interface Site {
  host: string;
  /** Folder under test/e2e/fixtures/. */
  dir: string;
  routes: Record<string, string>;
}

export const SITES = {
  managemyhealth: {
    host: 'portal.managemyhealth.co.nz',
    dir: 'managemyhealth',
    routes: {
      '/': 'login.html',
      '/dashboard': 'dashboard.html',
      '/logout': 'logged-out.html',
      // Tries to read, capture and click the banner (notices.e2e.ts).
      '/hostile': 'hostile.html',
      // A client-side app: the login form signs in with history.pushState, no page load.
      '/app/*': 'app.html',
      '/app.js': 'app.js',
      '/style.css': 'style.css',
      // The password guide's suite (password-guide.e2e.ts): a change-password page, also answered
      // at the W3C well-known URL; any other /.well-known/ path stays a 404.
      '/account/change-password': 'change-password.html',
      '/.well-known/change-password': 'change-password.html',
      '/change-password.js': 'change-password.js',
      // The tracker audit's suite (tracker-audit.e2e.ts): a signed-in page and a sign-in page that
      // load a Meta Pixel and send a GA4 hit, both served below under their real hostnames.
      '/dashboard/tracked': 'dashboard-tracked.html',
      '/login/tracked': 'login-tracked.html',
      '/trackers.js': 'trackers.js',
    },
  },
  mychartCleveland: {
    host: 'mychart.clevelandclinic.org',
    dir: 'mychart-cleveland',
    routes: {
      '/MyChart/Authentication/Login': 'login.html',
      // The sign-in page with MyChart's own asset paths and fields (platform-signals.e2e.ts).
      '/MyChart/default.asp': 'signals-login.html',
      '/MyChart/Home': 'home.html',
      '/MyChart/style.css': 'style.css',
    },
  },
  // A catalogue portal that has no breach notice in the bundled feed.
  systmonline: {
    host: 'systmonline.tpp-uk.com',
    dir: 'systmonline',
    routes: {
      '/2/': 'login.html',
      '/2/style.css': 'style.css',
    },
  },
  // Not in the catalogue: a practice's own portal host that a managed policy adds
  // (utils/policy/fixtures.ts, policy.e2e.ts). Recognised only while the policy is deployed.
  riverside: {
    host: 'riverside.myindici.co.nz',
    dir: 'riverside',
    routes: {
      '/': 'login.html',
      '/home': 'home.html',
      '/logout': 'logged-out.html',
      '/style.css': 'style.css',
    },
  },
  // Not in the catalogue: an unlisted MyChart tenant (UW Health's real MyChart host), which the
  // patient watches from the popup (watch.e2e.ts).
  mychartUwHealth: {
    host: 'mychart.uwhealth.org',
    dir: 'mychart-uwhealth',
    routes: {
      '/MyChart/Authentication/Login': 'login.html',
      '/MyChart/style.css': 'style.css',
    },
  },
  // The same page under a look-alike registrable domain: never offered "Watch this portal".
  mychartUwHealthLookalike: {
    host: 'mychart-uwhealth.org',
    dir: 'mychart-uwhealth',
    routes: {
      '/MyChart/Authentication/Login': 'login.html',
      '/MyChart/style.css': 'style.css',
    },
  },
  // Trackers, answered locally so a tracker request is seen and logged, never sent anywhere.
  metaPixel: {
    host: 'www.facebook.com',
    dir: 'trackers',
    routes: { '/tr': 'pixel.gif', '/tr/': 'pixel.gif' },
  },
  googleAnalytics: {
    host: 'www.google-analytics.com',
    dir: 'trackers',
    routes: { '/g/collect': 'collect.txt' },
  },
  // Not in the catalogue: the content script must not run here, and the popup says so.
  exampleClinic: {
    host: 'www.example-clinic.org',
    dir: 'example-clinic',
    routes: {
      '/': 'index.html',
      '/style.css': 'style.css',
    },
  },
} as const satisfies Record<string, Site>;

export type SiteKey = keyof typeof SITES;

export function siteUrl(site: SiteKey, path = '/'): string {
  return `https://${SITES[site].host}${path}`;
}

/**
 * Every hostname the server's certificate names. The browsers map ALL names to the server, so a
 * host missing here is still served (with a 404 and a certificate for the wrong name): that is
 * how an unexpected request becomes visible in the request log instead of vanishing.
 */
export function certificateHosts(extra: readonly string[] = []): string[] {
  return [...new Set([...Object.values(SITES).map((site) => site.host), ...extra])].sort();
}

export function findRoute(site: Site, pathname: string): string | undefined {
  const exact = site.routes[pathname];
  if (exact) return exact;
  for (const [route, file] of Object.entries(site.routes)) {
    if (route.endsWith('*') && pathname.startsWith(route.slice(0, -1))) return file;
  }
  return undefined;
}
