import type { DataClass, Notice } from '../feed/schema';
import { t, type PlainKey } from '../i18n/t';

/**
 * What to do about each kind of data a breach exposed, written for health data and for patients
 * who are not technical. Steps are ours (not feed text), so they may carry links; each link is to
 * a regulator's own home page (below), which outlasts any one breach's page.
 *
 * A notice lists data classes; `remediationFor` groups them into these topics, keeps the order
 * below (most urgent first) and tailors the complaint route to the notice's country.
 */

export type RemediationTopic = 'credentials' | 'contact' | 'national-ids' | 'government-ids' | 'clinical' | 'financial' | 'activity';

export interface RemediationStep {
  id: RemediationTopic;
  title: string;
  /** Short paragraphs, plain text. */
  body: string[];
  links: { title: string; url: string }[];
  /** Which of the notice's data classes led to this step, in plain words. */
  because: DataClass[];
}

const TOPIC_OF: Partial<Record<DataClass, RemediationTopic>> = {
  passwords: 'credentials',
  usernames: 'credentials',
  credentials: 'credentials',
  names: 'contact',
  'dates-of-birth': 'contact',
  'email-addresses': 'contact',
  'phone-numbers': 'contact',
  'physical-addresses': 'contact',
  'contact-details': 'contact',
  'national-health-identifiers': 'national-ids',
  'medical-record-numbers': 'national-ids',
  'government-issued-ids': 'government-ids',
  'social-security-numbers': 'government-ids',
  'passport-numbers': 'government-ids',
  'drivers-licenses': 'government-ids',
  'clinical-documents': 'clinical',
  'discharge-summaries': 'clinical',
  'referral-letters': 'clinical',
  'clinical-letters': 'clinical',
  'uploaded-documents': 'clinical',
  'health-records': 'clinical',
  diagnoses: 'clinical',
  'test-results': 'clinical',
  prescriptions: 'clinical',
  medications: 'clinical',
  appointments: 'clinical',
  'secure-messages': 'clinical',
  'mental-health-information': 'clinical',
  'treatment-information': 'clinical',
  'genetic-data': 'clinical',
  'family-tree': 'clinical',
  'provider-details': 'clinical',
  'health-insurance': 'financial',
  'claims-data': 'financial',
  'financial-data': 'financial',
  'payment-details': 'financial',
  'browsing-activity': 'activity',
  'search-terms': 'activity',
  'ip-addresses': 'activity',
};

const ORDER: RemediationTopic[] = ['credentials', 'contact', 'national-ids', 'government-ids', 'clinical', 'financial', 'activity'];

/**
 * Where a patient can complain once they have raised it with the provider. Each is the regulator
 * that acted on a breach in the feed, on its own site: OPC's Manage My Health inquiry,
 * https://www.privacy.org.nz/focus-areas/manage-my-health-inquiry; the ICO on 23andMe,
 * https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2024/06/ico-to-investigate-23andme-data-breach-with-canadian-counterpart;
 * OAIC v Medibank, https://oaic.gov.au/newsroom/oaic-takes-civil-penalty-action-against-medibank;
 * the Privacy Commissioner of Canada on 23andMe, https://priv.gc.ca/en/opc-news/news-and-announcements/2024/an_240610b.
 * HHS OCR has no link: no page of its own is cited yet, only press reports of filings with it.
 */
export const REGULATORS: Record<Notice['country'], { complain: PlainKey; contact: PlainKey; url?: string }> = {
  NZ: { complain: 'remediation.complain.NZ', contact: 'remediation.contactRegulator.NZ', url: 'https://www.privacy.org.nz/' },
  UK: { complain: 'remediation.complain.UK', contact: 'remediation.contactRegulator.UK', url: 'https://ico.org.uk/' },
  AU: { complain: 'remediation.complain.AU', contact: 'remediation.contactRegulator.AU', url: 'https://www.oaic.gov.au/' },
  US: { complain: 'remediation.complain.US', contact: 'remediation.contactRegulator.US' },
  CA: { complain: 'remediation.complain.CA', contact: 'remediation.contactRegulator.CA', url: 'https://www.priv.gc.ca/' },
};

/**
 * The bureaus New Zealand's Privacy Commissioner named after the Waikato DHB leak, as reported by
 * Stuff: https://www.stuff.co.nz/national/125605018/waikato-dhb-must-investigate-data-dump-at-pace-says-privacy-commissioner
 */
const CREDIT_BUREAUS: Partial<Record<Notice['country'], PlainKey>> = {
  NZ: 'remediation.creditBureausNZ',
};

/** The country's credit-freeze line, if we have one. */
const creditBureaus = (country: Notice['country']) => (CREDIT_BUREAUS[country] ? [t(CREDIT_BUREAUS[country])] : []);

function step(topic: RemediationTopic, notice: Notice, because: DataClass[]): RemediationStep {
  const regulator = REGULATORS[notice.country];
  const contactRegulator = regulator.url ? [{ title: t(regulator.contact), url: regulator.url }] : [];
  const organization = notice.organization;
  switch (topic) {
    case 'credentials':
      return {
        id: topic,
        title: t('remediation.credentials.title'),
        body: [t('remediation.credentials.body1', { organization }), t('remediation.credentials.body2')],
        links: [],
        because,
      };
    case 'contact':
      return { id: topic, title: t('remediation.contact.title'), body: [t('remediation.contact.body1'), t('remediation.contact.body2')], links: [], because };
    case 'national-ids':
      return {
        id: topic,
        title: t('remediation.nationalIds.title'),
        body: [t('remediation.nationalIds.body1'), t('remediation.nationalIds.body2'), t('remediation.nationalIds.body3')],
        links: [],
        because,
      };
    case 'government-ids':
      return { id: topic, title: t('remediation.governmentIds.title'), body: [t('remediation.governmentIds.body1'), ...creditBureaus(notice.country)], links: [], because };
    case 'clinical':
      return {
        id: topic,
        title: t('remediation.clinical.title'),
        body: [t('remediation.clinical.body1', { organization }), t(regulator.complain)],
        links: contactRegulator,
        because,
      };
    case 'financial':
      return {
        id: topic,
        title: t('remediation.financial.title'),
        body: [t('remediation.financial.body1'), t('remediation.financial.body2'), ...creditBureaus(notice.country)],
        links: [],
        because,
      };
    case 'activity':
      return { id: topic, title: t('remediation.activity.title'), body: [t('remediation.activity.body1'), t('remediation.activity.body2')], links: contactRegulator, because };
  }
}

/** The steps for one notice, one per topic its data classes touch, most urgent first. */
export function remediationFor(notice: Notice): RemediationStep[] {
  const grouped = new Map<RemediationTopic, DataClass[]>();
  for (const dataClass of notice.dataClasses) {
    const topic = TOPIC_OF[dataClass];
    if (!topic) continue;
    grouped.set(topic, [...(grouped.get(topic) ?? []), dataClass]);
  }
  // A breach of a portal account is a reason to change the password even when no credentials
  // were taken: in Manage My Health and UW Health the attackers signed in with real ones.
  if (notice.portalInvolved && !grouped.has('credentials')) grouped.set('credentials', []);
  return ORDER.filter((topic) => grouped.has(topic)).map((topic) => step(topic, notice, grouped.get(topic) ?? []));
}
