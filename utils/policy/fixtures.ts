/**
 * A complete, valid policy for a fictional New Zealand practice, shared by the unit tests, the
 * end-to-end tests (written to the real policy files) and the examples in docs/deploy.md (a test
 * checks that the documented examples still parse without a problem).
 *
 * `riverside.myindici.co.nz` stands for a practice's own portal host that the catalogue does not
 * list; the e2e server serves a fixture portal under that name.
 */

export const RIVERSIDE_PORTAL = {
  id: 'riverside-myindici',
  name: 'Riverside Medical Centre patient portal',
  country: 'NZ',
  operator: 'Riverside Medical Centre',
  hosts: ['riverside.myindici.co.nz'],
  homeUrl: 'https://riverside.myindici.co.nz/',
  signOutUrl: 'https://riverside.myindici.co.nz/logout',
  changePasswordDirections: 'Profile → Change password',
  twoStepLocation: 'Profile → Security → Two-step verification',
  exportDirections: 'Health Records → Download my record',
} as const;

/** A notice only this practice's patients see: a phishing campaign pretending to be the practice. */
export const RIVERSIDE_NOTICE = {
  id: 'nz-riverside-2026-11',
  title: 'Riverside Medical Centre: emails pretending to be from your practice',
  summary:
    'Some patients received emails that pretend to come from Riverside Medical Centre and ask them to sign in to a look-alike portal. The practice never asks for your password by email. Sign in only at riverside.myindici.co.nz, and change your password if you entered it anywhere else.',
  organization: 'Riverside Medical Centre',
  country: 'NZ',
  portals: ['riverside-myindici'],
  portalInvolved: false,
  breach: { start: '2026-11' },
  disclosed: '2026-11-20',
  added: '2026-11-20',
  modified: '2026-11-20',
  dataClasses: ['email-addresses'],
  status: 'investigating',
  severity: 'medium',
  links: [{ title: 'Riverside Medical Centre: phishing warning', url: 'https://www.riversidemedical.co.nz/news/phishing', official: true }],
  sources: ['https://www.riversidemedical.co.nz/news/phishing'],
} as const;

export const RIVERSIDE_POLICY = {
  organization: { name: 'Riverside Medical Centre', supportUrl: 'https://www.riversidemedical.co.nz/portal-help', phone: '+64 9 555 0100' },
  additionalPortals: [RIVERSIDE_PORTAL],
  feedUrl: 'https://feed.portal-guard.org/v1/feed.json',
  additionalFeedKeys: [{ keyId: 'riverside-2026-1', alg: 'Ed25519', publicKey: 'WvTFNDckPXIn2RHzmPmwA-j9dmPDxrYZUcf-FHMOgoA' }],
  pwnedPasswordsCheck: 'disallowed',
  sharedComputerMode: true,
  localNotices: [RIVERSIDE_NOTICE],
} as const;
