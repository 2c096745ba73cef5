import type { Portal } from './schema';

/**
 * The reviewed portal catalogue. Every fact cites `sources`; see `schema.ts` for the fields and
 * `docs/catalogue.md` for how to add a portal. Typed with `satisfies` rather than parsed, so the
 * content script gets it without zod; `catalogue.test.ts` and the build parse it with the schema.
 */
export const CATALOGUE = [
  {
    id: 'managemyhealth',
    name: 'Manage My Health',
    operator: 'Manage My Health Limited',
    country: 'NZ',
    kind: 'portal',
    hosts: [
      { host: 'portal.managemyhealth.co.nz', match: 'exact', evidence: 'official' },
      { host: 'managemyhealth.co.nz', match: 'exact', evidence: 'official' },
    ],
    homeUrl: 'https://portal.managemyhealth.co.nz/',
    sources: ['https://managemyhealth.co.nz/privacy-policy/'],
  },
  {
    id: 'epic-mychart',
    name: 'MyChart',
    operator: 'Each health system, using software by Epic Systems',
    country: 'US',
    kind: 'platform',
    hosts: [{ host: 'mychart.org', match: 'exact', evidence: 'official' }],
    tenants: [
      { host: 'mychart.clevelandclinic.org', organization: 'Cleveland Clinic', evidence: 'official', sources: ['https://mychart.clevelandclinic.org/default.asp?mode=stdfile&option=faq'] },
    ],
    sources: ['https://mychart.org/help'],
  },
] as const satisfies readonly Portal[];
