import type { DataClass, Notice } from '../feed/schema';

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
export const REGULATORS: Record<Notice['country'], { name: string; url?: string }> = {
  NZ: { name: 'the Office of the Privacy Commissioner (OPC)', url: 'https://www.privacy.org.nz/' },
  UK: { name: 'the Information Commissioner’s Office (ICO)', url: 'https://ico.org.uk/' },
  AU: { name: 'the Office of the Australian Information Commissioner (OAIC)', url: 'https://www.oaic.gov.au/' },
  US: { name: 'the US Department of Health and Human Services Office for Civil Rights (HHS OCR)' },
  CA: { name: 'the Office of the Privacy Commissioner of Canada, or your province’s privacy commissioner', url: 'https://www.priv.gc.ca/' },
};

/**
 * The bureaus New Zealand's Privacy Commissioner named after the Waikato DHB leak, as reported by
 * Stuff: https://www.stuff.co.nz/national/125605018/waikato-dhb-must-investigate-data-dump-at-pace-says-privacy-commissioner
 */
const CREDIT_BUREAUS: Partial<Record<Notice['country'], string>> = {
  NZ: 'In New Zealand you can ask Centrix, illion and Equifax to freeze your credit file.',
};

function step(topic: RemediationTopic, notice: Notice, because: DataClass[]): RemediationStep {
  const regulator = REGULATORS[notice.country];
  switch (topic) {
    case 'credentials':
      return {
        id: topic,
        title: 'Change your password and turn on two-step verification',
        body: [
          `Change your ${notice.organization} password now, and turn on two-step verification so a stolen password alone cannot get anyone in.`,
          'If you used the same password anywhere else, change it there too, starting with your email account.',
        ],
        links: [],
        because,
      };
    case 'contact':
      return {
        id: topic,
        title: 'Expect scam emails, texts and calls that mention this breach',
        body: [
          'Criminals use stolen names, phone numbers and addresses to make messages look official, often citing the breach itself or offering “compensation”.',
          'Your portal will never ask for your password by email, text or phone. Do not click links in unexpected messages; go to the portal by typing its address yourself.',
        ],
        links: [],
        because,
      };
    case 'national-ids':
      return {
        id: topic,
        title: 'Know what your health identifier can and cannot be used for',
        body: [
          'A health identifier (such as an NHI, IHI, NHS or Medicare number, or a medical record number) tells health services which records are yours.',
          'On its own it does not let anyone sign in to your portal or see your records. It can make a scam call or message sound convincing, so be wary of anyone who quotes it to you.',
          'Health identifiers usually cannot be changed. If you think someone is using yours, tell your doctor’s practice or the health service.',
        ],
        links: [],
        because,
      };
    case 'government-ids':
      return {
        id: topic,
        title: 'Protect yourself from identity theft',
        body: [
          'Government ID numbers can be used to open accounts in your name. Consider a credit freeze, and watch for letters about accounts you did not open.',
          ...(CREDIT_BUREAUS[notice.country] ? [CREDIT_BUREAUS[notice.country]!] : []),
        ],
        links: [],
        because,
      };
    case 'clinical':
      return {
        id: topic,
        title: 'Ask what was accessed, and complain if you need to',
        body: [
          `You have the right to ask ${notice.organization} or your health provider which of your documents or details were accessed.`,
          `If you are not satisfied with the answer, you can complain to ${regulator.name}.`,
        ],
        links: regulator.url ? [{ title: `Contact ${regulator.name.replace(/^the /, '')}`, url: regulator.url }] : [],
        because,
      };
    case 'financial':
      return {
        id: topic,
        title: 'Watch your statements and consider a credit freeze',
        body: [
          'Check bank, card and insurance statements for payments or claims you do not recognise, and tell your bank or insurer straight away if you see one.',
          'A credit freeze stops new credit being opened in your name.',
          ...(CREDIT_BUREAUS[notice.country] ? [CREDIT_BUREAUS[notice.country]!] : []),
        ],
        links: [],
        because,
      };
    case 'activity':
      return {
        id: topic,
        title: 'Your activity on the site may have been shared',
        body: [
          'Tracking code on the site may have sent what you did there (pages, searches, appointment details) to advertising companies.',
          'You cannot take that back, but you can ask the provider what was shared, block third-party trackers in your browser, and complain to the regulator.',
        ],
        links: regulator.url ? [{ title: `Contact ${regulator.name.replace(/^the /, '')}`, url: regulator.url }] : [],
        because,
      };
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
