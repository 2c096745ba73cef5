import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cdaDocument } from '../../utils/export-review/fixtures/cda';
import { appleExportXml, clinicalRecordLine } from '../../utils/export-review/fixtures/apple';
import { DSTU2_RESOURCES } from '../../utils/export-review/fixtures/fhir-versions';
import { bundle } from '../../utils/export-review/fixtures/fhir';
import { xdmZip } from '../../utils/export-review/fixtures/zips';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import type { LoggedRequest } from './support/server';
import { exportReviewPageUrl } from '../../utils/pages';

/**
 * The export review page in real browsers: files go in through the file input and by drag and
 * drop, the summary and the Manage My Health cross-reference come out, and nothing reaches the
 * network while they are read.
 */

/** The browsers' own background traffic (update checks, safe browsing), which no extension causes or can stop. */
const BROWSER_VENDOR_SUFFIXES = ['google.com', 'googleapis.com', 'gstatic.com', 'gvt1.com', 'mozilla.com', 'mozilla.net', 'mozilla.org', 'firefox.com', 'mozaws.net'];
const isVendor = (host: string) => BROWSER_VENDOR_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
const FEED_HOST = 'feed.portal-guard.org';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const PAGE = exportReviewPageUrl({ portal: 'managemyhealth' }, 'export-review.html');

const FILES = {
  ccd: { name: 'CCD.xml', type: 'text/xml', base64: Buffer.from(cdaDocument({ ssn: '444222222', nhi: 'ZZZ0016' })).toString('base64') },
  xdm: { name: 'mmh-record-export.zip', type: 'application/zip', base64: Buffer.from(xdmZip()).toString('base64') },
  appleXml: { name: 'export.xml', type: 'text/xml', base64: Buffer.from(appleExportXml({ clinical: [clinicalRecordLine('HKClinicalTypeIdentifierMedicationRecord', 'MedicationOrder-1'), clinicalRecordLine('HKClinicalTypeIdentifierConditionRecord', 'Condition-2')] })).toString('base64') },
  dstu2: { name: 'records-dstu2.json', type: 'application/json', base64: Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: DSTU2_RESOURCES.map((resource) => ({ resource })) })).toString('base64') },
};

/** Apple's export.xml (with its internal DTD) and a DSTU2 download: both read, the version said. */
async function appleAndDstu2(page: DriverPage, screenshot: string): Promise<void> {
  await giveFiles(page, [FILES.appleXml, FILES.dstu2], 'input');
  expect(await waitFor(page, outcomes, (list) => list.length === 2, 'both reviews')).toEqual(['Reviewed: Apple Health export.xml (without its zip) (FHIR DSTU2)', 'Reviewed: FHIR record (JSON) (FHIR DSTU2)']);
  const facts = await waitFor(page, () => document.querySelector('[data-testid="summary-facts"]')?.textContent ?? '', (text) => text.length > 0, 'the summary');
  expect(facts).toMatch(/^2 files reviewed\. Dates in the record: .*2015.*2017.* FHIR version read: DSTU2\.$/);
  const warnings = await page.evaluate(() => document.querySelector('.warnings')?.textContent ?? '', undefined);
  expect(warnings).toMatch(/lists 2 health records .*choose the zip/);
  await page.screenshot(join(e2eContext().screenshotsDir, screenshot));
}
type FileArg = (typeof FILES)[keyof typeof FILES];

const base64 = (text: string) => Buffer.from(text).toString('base64');
/**
 * Issue 15: one person's downloads from two hospitals (the SSN written 444-22-2222 by one and
 * 444222222 by the other, different record numbers) and their FHIR download (us-ssn).
 */
const ONE_PERSON: FileArg[] = [
  { name: 'hospital-a-ccd.xml', type: 'text/xml', base64: base64(cdaDocument({ patientIds: [{ root: '2.16.840.1.113883.19.5.99999.2', extension: 'MRN-000123' }, { root: '2.16.840.1.113883.4.1', extension: '444-22-2222' }] })) },
  { name: 'hospital-b-ccd.xml', type: 'text/xml', base64: base64(cdaDocument({ patientIds: [{ root: '1.3.6.1.4.1.22812.3.99930.3', extension: '998877' }, { root: '2.16.840.1.113883.4.1', extension: '444222222' }] })) },
  {
    name: 'fhir-download.json',
    type: 'application/json',
    base64: base64(JSON.stringify(bundle([{ resourceType: 'Patient', id: 'p1', identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '444-22-2222' }], name: [{ family: 'Example', given: ['Aroha'] }], birthDate: '1980-02-14' }]))),
  },
];

/** Review ONE_PERSON together: the page says one person, lists one SSN and raises no "several people" item. */
async function reviewOnePerson(page: DriverPage, screenshot: string): Promise<void> {
  await giveFiles(page, ONE_PERSON, 'input');
  expect(await waitFor(page, outcomes, (list) => list.length === 3, 'the three reviews')).toEqual([
    'Reviewed: C-CDA clinical document (XML)',
    'Reviewed: C-CDA clinical document (XML)',
    'Reviewed: FHIR record (JSON)',
  ]);
  const people = await waitFor(page, () => document.querySelector('[data-testid="people"]')?.textContent?.trim() ?? '', (text) => text.length > 0, 'who the files are about');
  expect(people).toBe('These files are about one person.');
  const masked = await page.evaluate(() => [...document.querySelectorAll('[data-testid="identifier-value"]')].map((cell) => cell.textContent), undefined);
  expect(masked).toEqual(['***-**-2222']);
  const highRisk = await page.evaluate(() => document.querySelector('[data-testid="high-risk"]')?.textContent ?? '', undefined);
  expect(highRisk).toContain('US Social Security number present.');
  expect(highRisk).not.toMatch(/different people|different numbers/);
  await page.screenshot(join(e2eContext().screenshotsDir, screenshot));
}

/** Put files into the page as the user would: `input` through the file input, `drop` onto the drop zone. */
async function giveFiles(page: DriverPage, files: FileArg[], how: 'input' | 'drop'): Promise<void> {
  await page.evaluate(
    ({ files, how }) => {
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      if (how === 'input') {
        const input = document.querySelector<HTMLInputElement>('#export-files')!;
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        const zone = document.querySelector('[data-testid="drop-zone"]')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { files, how },
  );
}

async function waitFor<T>(page: DriverPage, read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await page.evaluate(read, undefined);
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await page.evaluate(read, undefined);
  }
  if (!ok(value)) throw new Error(`Timed out waiting for ${what}; last saw ${JSON.stringify(value)}`);
  return value;
}

/**
 * Issue 17: the words the review worker used to write in English (format names, warnings, the
 * breach window's headline, the zip count) in French, from message codes the page words itself.
 * Intl's spaces (no-break, thin) are compared as plain spaces.
 */
async function reviewInFrench(page: DriverPage, screenshot: string): Promise<void> {
  const plain = (texts: string[]) => texts.map((text) => text.replace(/\s+/g, ' '));
  await giveFiles(page, [FILES.xdm, FILES.appleXml], 'input');
  expect(plain(await waitFor(page, outcomes, (list) => list.length === 2, 'both reviews'))).toEqual([
    'Vérifié : Paquet IHE XDM (zip) (Fichiers du zip lus : 5 sur 7)',
    'Vérifié : export.xml d’Apple Santé (sans son zip) (FHIR DSTU2)',
  ]);
  expect(plain(await waitFor(page, headlines, (list) => list.length > 0, 'the cross-reference'))).toEqual([
    'Selon l’avis, des demandes de consultation (références) de la période 2017–2019 ont été touchées. Votre exportation contient 3 demandes de consultation datées de cette période.',
  ]);
  const warnings = await page.evaluate(() => document.querySelector('.warnings')?.textContent ?? '', undefined);
  expect(warnings).toMatch(/Il indique le type de 2 dossiers de santé .*choisissez le zip pour les vérifier/);
  // None of the worker's English is left on the page.
  const text = await page.evaluate(() => document.body.innerText, undefined);
  expect(text).not.toMatch(/were affected|dated in that period|files in the zip read|This is Apple|Not recognised|IHE XDM package|health records from your providers/);
  await page.screenshot(join(e2eContext().screenshotsDir, screenshot));
}

const outcomes = () => [...document.querySelectorAll('[data-testid="file-outcome"]')].map((element) => element.textContent?.trim() ?? '');
const headlines = () => [...document.querySelectorAll('[data-testid="xref-headline"]')].map((element) => element.textContent?.trim() ?? '');

function serverRequestsSince(startedAt: number): LoggedRequest[] {
  return readFileSync(e2eContext().requestLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedRequest)
    .filter((request) => request.at >= startedAt);
}

describe('the built worker', () => {
  test.each(['chromeExtensionDir', 'firefoxExtensionDir'] as const)('in %s has no network call of its own', (dir) => {
    const assets = join(e2eContext()[dir], 'assets');
    const workers = readdirSync(assets).filter((name) => /^worker-[\w-]+\.js$/.test(name));
    expect(workers).toHaveLength(1);
    const source = readFileSync(join(assets, workers[0]!), 'utf8');
    // The only mentions are in the list of APIs the worker removes from its own scope.
    expect(source).not.toMatch(/\bfetch\(|new XMLHttpRequest|new WebSocket|new EventSource|sendBeacon|importScripts\(/);
  });
});

describe.skipIf(!browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'))('export review in Chromium', () => {
  let driver: ExtensionDriver & { context: BrowserContext };
  beforeAll(async () => {
    driver = await launchChromium(e2eContext());
  });
  afterAll(async () => {
    await driver?.close();
  });

  test('a dropped C-CDA and a chosen XDM zip: summary, cross-reference, masked numbers, no network, axe clean', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    // Every request any page, worker or the background makes from here on.
    const seen: string[] = [];
    const record = (request: { url(): string }) => seen.push(request.url());
    driver.context.on('request', record);
    const startedAt = Date.now();
    try {
      await giveFiles(page, [FILES.ccd], 'drop');
      await waitFor(page, outcomes, (list) => list.length === 1, 'the C-CDA review');
      await giveFiles(page, [FILES.xdm], 'input');
      const done = await waitFor(page, outcomes, (list) => list.length === 2, 'the XDM review');
      expect(done).toEqual(['Reviewed: C-CDA clinical document (XML)', 'Reviewed: IHE XDM package (zip) (5 of 7 files in the zip read)']);

      // The browser's en-US writes the period with thin spaces around the dash ("2017 – 2019").
      expect((await waitFor(page, headlines, (list) => list.length > 0, 'the cross-reference')).map((text) => text.replace(/\s+/g, ' '))).toEqual([
        'The notice says referral letters from 2017 – 2019 were affected. Your export has 3 referral letters dated in that period.',
      ]);
      const masked = await page.evaluate(() => [...document.querySelectorAll('[data-testid="identifier-value"]')].map((cell) => cell.textContent), undefined);
      expect(masked).toEqual(['***-**-2222', '*****16']);

      // Reveal with the keyboard: focus the button, press Enter.
      await page.evaluate(() => document.querySelector<HTMLButtonElement>('button[aria-label="Show the full US Social Security number"]')!.focus(), undefined);
      await page.press('Enter');
      expect(await page.evaluate(() => document.querySelector('[data-testid="identifier-value"]')!.textContent, undefined)).toBe('444222222');
      await page.press('Enter');

      await page.screenshot(join(e2eContext().screenshotsDir, 'chromium-export-review-summary-narrow.png'));
      // And as a full browser tab, the way the popup's link opens it.
      const tab = driver.context.pages().find((candidate) => candidate.url().includes('export-review.html'));
      await tab?.setViewportSize({ width: 1100, height: 900 });
      await page.screenshot(join(e2eContext().screenshotsDir, 'chromium-export-review-summary.png'));

      const violations = await page.evaluateScript<{ id: string; help: string; nodes: { target: unknown[] }[] }[]>(`${axeSource}\n;axe.run(document).then((result) => result.violations)`);
      if (violations.length > 0) console.error(violations.map((violation) => `${violation.id}: ${violation.help} ${JSON.stringify(violation.nodes.map((node) => node.target))}`).join('\n'));
      expect(violations.map((violation) => violation.id)).toEqual([]);
    } finally {
      driver.context.off('request', record);
      await page.close();
    }

    // The page and its workers loaded only the extension's own files …
    const origin = driver.extensionOrigin;
    const offDevice = seen.filter((url) => {
      if (url.startsWith(origin)) return false;
      const host = URL.canParse(url) ? new URL(url).hostname : '';
      return host !== FEED_HOST && !isVendor(host);
    });
    expect(offDevice).toEqual([]);
    expect(seen.some((url) => /\/assets\/worker-[\w-]+\.js$/.test(url)), `the worker script was loaded: ${seen.join(', ')}`).toBe(true);
    // … and the test server, where every hostname points, saw nothing sent from an extension page
    // but the background's feed check. (The log file is shared with any other e2e run in this
    // working tree, so requests are attributed by their Origin or Referer.)
    const fromExtension = serverRequestsSince(startedAt).filter((request) => {
      const sources = [request.headers.origin, request.headers.referer].flat().filter((value): value is string => typeof value === 'string');
      return request.host !== FEED_HOST && sources.some((value) => value.startsWith(origin.replace(/\/$/, '')));
    });
    expect(fromExtension.map((request) => `${request.method} ${request.host}${request.url}`)).toEqual([]);
  });

  test('two C-CDAs (SSN with and without dashes) and the FHIR download of one person: one person', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      const tab = driver.context.pages().find((candidate) => candidate.url().includes('export-review.html'));
      await tab?.setViewportSize({ width: 1100, height: 1400 });
      await reviewOnePerson(page, 'chromium-export-review-one-person.png');
    } finally {
      await page.close();
    }
  });

  test('Apple’s export.xml is read past its DTD, and a DSTU2 download says its version', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      await appleAndDstu2(page, 'chromium-export-review-apple-dstu2.png');
    } finally {
      await page.close();
    }
  });

  test('the page itself cannot reach the network (CSP)', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      const result = await page.evaluate(() => fetch('https://portal.managemyhealth.co.nz/exfiltrate').then(() => 'sent', (error: Error) => `blocked: ${error.name}`), undefined);
      expect(result).toMatch(/^blocked/);
    } finally {
      await page.close();
    }
  });

  test('an unsafe zip is refused with a clear message', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      // A zip whose one entry is named ../../evil.xml (a stored entry, written by hand).
      const name = new TextEncoder().encode('../../evil.xml');
      const data = new TextEncoder().encode('<x/>');
      const local = new Uint8Array(30 + name.length + data.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 20, true);
      lv.setUint32(18, data.length, true);
      lv.setUint32(22, data.length, true);
      lv.setUint16(26, name.length, true);
      local.set(name, 30);
      local.set(data, 30 + name.length);
      const central = new Uint8Array(46 + name.length);
      const cv = new DataView(central.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(6, 20, true);
      cv.setUint32(20, data.length, true);
      cv.setUint32(24, data.length, true);
      cv.setUint16(28, name.length, true);
      central.set(name, 46);
      const end = new Uint8Array(22);
      const ev = new DataView(end.buffer);
      ev.setUint32(0, 0x06054b50, true);
      ev.setUint16(8, 1, true);
      ev.setUint16(10, 1, true);
      ev.setUint32(12, central.length, true);
      ev.setUint32(16, local.length, true);
      const zip = Buffer.concat([local, central, end]);
      await giveFiles(page, [{ name: 'evil.zip', type: 'application/zip', base64: zip.toString('base64') }], 'input');
      const message = await waitFor(page, () => document.querySelector('[data-testid="file-message"]')?.textContent ?? '', (text) => text.length > 0, 'the refusal');
      expect(message).toMatch(/tries to escape its folder/);
    } finally {
      await page.close();
    }
  });
});

describe.skipIf(!browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'))('export review in Chromium, in French', () => {
  test('the worker’s results are worded in French on the page', async () => {
    const driver = await launchChromium(e2eContext(), { lang: 'fr' });
    try {
      const page = await driver.openExtensionPage(PAGE, 'h1');
      await driver.context.pages().find((candidate) => candidate.url().includes('export-review.html'))?.setViewportSize({ width: 1100, height: 900 });
      await reviewInFrench(page, 'chromium-export-review-fr.png');
      await page.close();
    } finally {
      await driver.close();
    }
  });
});

describe.skipIf(!browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'))('export review in Firefox, in French', () => {
  test('the worker’s results are worded in French on the page', async () => {
    const driver = await launchFirefox(e2eContext(), { locale: 'fr' });
    try {
      const page = await driver.openExtensionPage(PAGE, 'h1');
      await reviewInFrench(page, 'firefox-export-review-fr.png');
      await page.close();
    } finally {
      await driver.close();
    }
  });
});

describe.skipIf(!browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'))('export review in Firefox', () => {
  let driver: ExtensionDriver;
  beforeAll(async () => {
    driver = await launchFirefox(e2eContext());
  });
  afterAll(async () => {
    await driver?.close();
  });

  test('the page loads and reviews an XDM package in its worker', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      await giveFiles(page, [FILES.xdm], 'input');
      expect(await waitFor(page, outcomes, (list) => list.length === 1, 'the XDM review')).toEqual(['Reviewed: IHE XDM package (zip) (5 of 7 files in the zip read)']);
      // The browser's en-US writes the period with thin spaces around the dash ("2017 – 2019").
      expect((await waitFor(page, headlines, (list) => list.length > 0, 'the cross-reference')).map((text) => text.replace(/\s+/g, ' '))).toEqual([
        'The notice says referral letters from 2017 – 2019 were affected. Your export has 3 referral letters dated in that period.',
      ]);
      await page.screenshot(join(e2eContext().screenshotsDir, 'firefox-export-review-summary.png'));
    } finally {
      await page.close();
    }
  });

  test('two C-CDAs (SSN with and without dashes) and the FHIR download of one person: one person', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      await reviewOnePerson(page, 'firefox-export-review-one-person.png');
    } finally {
      await page.close();
    }
  });

  test('Apple’s export.xml is read past its DTD, and a DSTU2 download says its version', async () => {
    const page = await driver.openExtensionPage(PAGE, 'h1');
    try {
      await appleAndDstu2(page, 'firefox-export-review-apple-dstu2.png');
    } finally {
      await page.close();
    }
  });
});
