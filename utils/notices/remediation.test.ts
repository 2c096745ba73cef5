import { describe, expect, it } from 'vitest';
import { feedSchema } from '../feed/schema';
import { remediationFor, type RemediationTopic } from './remediation';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import medibank from '../../feed/notices/au-medibank-2022.json';
import changeHealthcare from '../../feed/notices/us-changehealthcare-2024.json';
import kaiser from '../../feed/notices/us-kaiser-2024.json';
import synnovis from '../../feed/notices/uk-synnovis-2024.json';

const feed = feedSchema.parse({ formatVersion: '1.0', sequence: 1, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh, medibank, changeHealthcare, kaiser, synnovis] });
const byId = (id: string) => feed.notices.find((notice) => notice.id === id)!;

describe('remediationFor, on the real notices', () => {
  it.each<[string, RemediationTopic[]]>([
    // Portal breach with a stolen login: change the password first, even though no credentials were taken.
    ['nz-managemyhealth-2025-12', ['credentials', 'contact', 'national-ids', 'clinical']],
    ['us-kaiser-2024', ['credentials', 'contact', 'activity']],
  ])('%s → %j', (id, topics) => {
    expect(remediationFor(byId(id)).map((step) => step.id)).toEqual(topics);
  });

  it('keeps urgent steps first and covers every data class a notice lists', () => {
    for (const notice of feed.notices) {
      const steps = remediationFor(notice);
      const covered = new Set(steps.flatMap((step) => step.because));
      for (const dataClass of notice.dataClasses) expect.soft(covered.has(dataClass), `${notice.id}: ${dataClass}`).toBe(true);
    }
  });

  it.each([
    ['nz-managemyhealth-2025-12', 'the Office of the Privacy Commissioner (OPC)', 'https://www.privacy.org.nz/'],
    ['au-medibank-2022', 'the Office of the Australian Information Commissioner (OAIC)', 'https://www.oaic.gov.au/'],
    ['uk-synnovis-2024', 'the Information Commissioner’s Office (ICO)', 'https://ico.org.uk/'],
    ['us-changehealthcare-2024', 'the US Department of Health and Human Services Office for Civil Rights (HHS OCR)', undefined],
  ])('%s names the regulator’s complaint route', (id, regulator, url) => {
    const clinical = remediationFor(byId(id)).find((step) => step.id === 'clinical');
    expect(clinical?.body.join(' ')).toContain(`complain to ${regulator}`);
    expect(clinical?.links[0]?.url).toBe(url);
  });

  it('tells patients the portal never asks for a password when contact details leaked', () => {
    const contact = remediationFor(byId('nz-managemyhealth-2025-12')).find((step) => step.id === 'contact');
    expect(contact?.body.join(' ')).toContain('will never ask for your password');
  });

  it('explains what a health identifier can and cannot do', () => {
    const ids = remediationFor(byId('nz-managemyhealth-2025-12')).find((step) => step.id === 'national-ids');
    expect(ids?.body.join(' ')).toMatch(/does not let anyone sign in/);
  });

  it('offers a credit freeze when government IDs or financial data leaked', () => {
    const steps = remediationFor(byId('us-changehealthcare-2024'));
    expect(steps.map((step) => step.id)).toEqual(expect.arrayContaining(['government-ids', 'financial']));
    expect(steps.find((step) => step.id === 'financial')?.body.join(' ')).toContain('credit freeze');
  });

  it('links only to https sites', () => {
    for (const notice of feed.notices) for (const step of remediationFor(notice)) for (const link of step.links) expect(link.url).toMatch(/^https:\/\//);
  });
});
