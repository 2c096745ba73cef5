import type { SiteKey } from './sites';

/**
 * Real portal pages (served from fixtures under their real hostnames) and what Portal Guard must
 * make of each: the same table drives the Chromium and the Firefox suites. Expected strings are
 * written out in full, as a patient reads them, rather than computed from the product's code.
 */
export interface PageCase {
  /** Used in test titles and screenshot file names. */
  name: string;
  site: SiteKey;
  path: string;
  state: 'login' | 'signed-in' | 'signed-out' | 'unknown';
  popup: {
    portalName: string;
    host: string;
    /** The operator line names this organisation (the wording around it is the popup's). */
    operator: RegExp;
    sessionState: string;
    notices: number;
  };
  badge: { text: string; title: string };
}

export const PAGE_CASES: readonly PageCase[] = [
  {
    name: 'managemyhealth-login',
    site: 'managemyhealth',
    path: '/',
    state: 'login',
    popup: { portalName: 'Manage My Health', host: 'portal.managemyhealth.co.nz', operator: /Manage My Health (Limited|Ltd)\b/, sessionState: 'On the sign-in page', notices: 1 },
    badge: { text: '!1', title: 'Portal Guard: Manage My Health — On the sign-in page. 1 breach notice.' },
  },
  {
    name: 'managemyhealth-signed-in',
    site: 'managemyhealth',
    path: '/dashboard',
    state: 'signed-in',
    popup: { portalName: 'Manage My Health', host: 'portal.managemyhealth.co.nz', operator: /Manage My Health (Limited|Ltd)\b/, sessionState: 'Signed in', notices: 1 },
    badge: { text: '!1', title: 'Portal Guard: Manage My Health — Signed in. 1 breach notice.' },
  },
  {
    name: 'managemyhealth-signed-out',
    site: 'managemyhealth',
    path: '/logout',
    state: 'signed-out',
    popup: { portalName: 'Manage My Health', host: 'portal.managemyhealth.co.nz', operator: /Manage My Health (Limited|Ltd)\b/, sessionState: 'Signed out', notices: 1 },
    badge: { text: '!1', title: 'Portal Guard: Manage My Health — Signed out. 1 breach notice.' },
  },
  {
    name: 'mychart-cleveland',
    site: 'mychartCleveland',
    path: '/MyChart/Authentication/Login',
    state: 'login',
    popup: { portalName: 'Cleveland Clinic’s MyChart', host: 'mychart.clevelandclinic.org', operator: /Cleveland Clinic/, sessionState: 'On the sign-in page', notices: 0 },
    badge: { text: 'LOG', title: 'Portal Guard: Cleveland Clinic’s MyChart — On the sign-in page.' },
  },
  {
    name: 'mychart-cleveland-signed-in',
    site: 'mychartCleveland',
    path: '/MyChart/Home',
    state: 'signed-in',
    popup: { portalName: 'Cleveland Clinic’s MyChart', host: 'mychart.clevelandclinic.org', operator: /Cleveland Clinic/, sessionState: 'Signed in', notices: 0 },
    badge: { text: 'ON', title: 'Portal Guard: Cleveland Clinic’s MyChart — Signed in.' },
  },
  {
    name: 'systmonline',
    site: 'systmonline',
    path: '/2/',
    state: 'login',
    popup: { portalName: 'SystmOnline', host: 'systmonline.tpp-uk.com', operator: /\bTPP\b/, sessionState: 'On the sign-in page', notices: 0 },
    badge: { text: 'LOG', title: 'Portal Guard: SystmOnline — On the sign-in page.' },
  },
];
