// @vitest-environment node
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cdaDocument } from './fixtures/cda';
import { PATIENT, bundle } from './fixtures/fhir';
import { xdmZip } from './fixtures/zips';
import { reviewFile, type ReviewInput } from './review';
import type { ReviewMessage } from './review-message';
import { reviewMessageText } from './review-text';

/**
 * Hostile and broken input: each case must end with a clear message, quickly, with nothing
 * half-read reported as found.
 */

const bytesOf = (content: string | Uint8Array) => (typeof content === 'string' ? strToU8(content) : content) as Uint8Array<ArrayBuffer>;
const file = (content: string | Uint8Array, name = 'download') => new File([bytesOf(content)], name);

async function expectRefused(content: string | Uint8Array | ReviewInput, code: string, message: Partial<ReviewMessage> | { code: string }, options = {}) {
  const input = typeof content === 'string' || content instanceof Uint8Array ? file(content) : content;
  const started = Date.now();
  const review = await reviewFile(input, options);
  expect(review.errorCode, JSON.stringify(review.message)).toBe(code);
  // What the page will say, as a code and its parameters (review-text.ts words it).
  expect(review.message).toMatchObject(message);
  expect(review.findings.identifiers).toEqual([]);
  expect(review.findings.documents).toEqual([]);
  expect(Date.now() - started).toBeLessThan(5_000);
  return review;
}

describe('zip bombs and tricks', () => {
  it('stops an entry that unpacks far beyond its packed size', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': zeros }, { level: 9 });
    const review = await expectRefused(zip, 'zip-bomb', { code: 'zip-entry-bomb', entry: 'IHE_XDM/SUBSET01/DOC0001.XML' }, { limits: { ratioFloorBytes: 1024 * 1024, maxCompressionRatio: 100 } });
    expect(review.outcome).toBe('refused');
  });

  it('does not trust the sizes a zip declares: actual output is counted', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const zip = zipSync({ 'a.json': zeros }, { level: 9 });
    // Rewrite the central directory's uncompressed size to claim 1 KB.
    const view = new DataView(zip.buffer);
    const central = zip.findIndex((_, at) => at + 4 <= zip.length && view.getUint32(at, true) === 0x02014b50);
    view.setUint32(central + 24, 1024, true);
    await expectRefused(zip, 'zip-bomb', { code: 'zip-entry-bomb', entry: 'a.json' }, { limits: { ratioFloorBytes: 64 * 1024, maxCompressionRatio: 1_000_000 } });
  });

  it('caps the total unpacked size', async () => {
    const zip = zipSync({ 'a.pdf': strToU8(`%PDF-1.4 ${'x'.repeat(300_000)}`), 'b.pdf': strToU8(`%PDF-1.4 ${'y'.repeat(300_000)}`) });
    await expectRefused(zip, 'zip-bomb', { code: 'zip-declares-too-much', size: 600_018, limit: 500_000 }, { limits: { maxUnzippedBytes: 500_000 } });
  });

  it('refuses overlapping entries (the overlapping-files bomb)', async () => {
    const zip = zipSync({ 'a.json': strToU8('{"resourceType":"Patient"}'), 'b.json': strToU8('{"resourceType":"Patient"}') }, { level: 0 });
    const view = new DataView(zip.buffer);
    const centrals: number[] = [];
    for (let at = 0; at + 4 <= zip.length; at++) if (view.getUint32(at, true) === 0x02014b50) centrals.push(at);
    view.setUint32(centrals[1]! + 42, view.getUint32(centrals[0]! + 42, true), true);
    await expectRefused(zip, 'zip-bomb', { code: 'zip-overlap' });
  });

  it.each(['../../.bashrc', 'IHE_XDM/../../../etc/passwd', '/etc/passwd', 'C:/Windows/win.ini', '..\\..\\evil.xml'])('refuses a zip with the unsafe name %s', async (name) => {
    const zip = zipSync({ 'IHE_XDM/SUBSET01/METADATA.XML': strToU8('<x/>'), [name]: strToU8('<x/>') });
    const review = await expectRefused(zip, 'zip-unsafe-name', { code: 'zip-unsafe-name', name: name.replaceAll('\\', '/') });
    expect(review.outcome).toBe('refused');
  });

  it('explains a password-protected zip', async () => {
    const zip = zipSync({ 'a.xml': strToU8(cdaDocument()) });
    const view = new DataView(zip.buffer);
    for (let at = 0; at + 4 <= zip.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
    await expectRefused(zip, 'zip-encrypted', { code: 'zip-encrypted' });
  });

  it('reads a zip64 table of contents', async () => {
    const zip = zipSync({ 'Patient.ndjson': strToU8(`${JSON.stringify(PATIENT)}\n`) });
    const view = new DataView(zip.buffer);
    const eocd = zip.length - 22;
    const count = view.getUint16(eocd + 10, true);
    const size = view.getUint32(eocd + 12, true);
    const offset = view.getUint32(eocd + 16, true);
    // Keep the entries; replace the end record with a zip64 record, its locator, and a maxed-out end record.
    const record = new DataView(new ArrayBuffer(56));
    record.setUint32(0, 0x06064b50, true);
    record.setBigUint64(4, 44n, true);
    record.setBigUint64(24, BigInt(count), true);
    record.setBigUint64(32, BigInt(count), true);
    record.setBigUint64(40, BigInt(size), true);
    record.setBigUint64(48, BigInt(offset), true);
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    locator.setBigUint64(8, BigInt(eocd), true);
    locator.setUint32(16, 1, true);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, 0xffff, true);
    end.setUint16(10, 0xffff, true);
    end.setUint32(12, 0xffffffff, true);
    end.setUint32(16, 0xffffffff, true);
    const zip64 = new Uint8Array(eocd + 56 + 20 + 22);
    zip64.set(zip.subarray(0, eocd));
    zip64.set(new Uint8Array(record.buffer), eocd);
    zip64.set(new Uint8Array(locator.buffer), eocd + 56);
    zip64.set(new Uint8Array(end.buffer), eocd + 76);
    const review = await reviewFile(file(zip64));
    expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
    expect(review.findings.identifiers).toHaveLength(5);
  });

  it('says a cut-short zip is incomplete', async () => {
    const zip = xdmZip();
    await expectRefused(zip.subarray(0, Math.floor(zip.length * 0.6)), 'corrupt', { code: 'zip-damaged' });
  });

  it('keeps reading the other documents when one entry is damaged', async () => {
    const zip = xdmZip();
    // Flip bytes in the middle of the first document's deflate data.
    const view = new DataView(zip.buffer);
    const local = [...zip.keys()].filter((at) => at + 4 <= zip.length && view.getUint32(at, true) === 0x04034b50);
    const doc = local.find((at) => new TextDecoder().decode(zip.subarray(at + 30, at + 30 + view.getUint16(at + 26, true))).endsWith('DOC0001.XML'))!;
    const dataStart = doc + 30 + view.getUint16(doc + 26, true) + view.getUint16(doc + 28, true);
    for (let at = dataStart + 20; at < dataStart + 60; at++) zip[at] = 0xff;
    const review = await reviewFile(file(zip));
    expect(review.outcome).toBe('reviewed');
    expect(review.warnings).toContainEqual({ code: 'in-entry', entry: 'IHE_XDM/SUBSET01/DOC0001.XML', reason: { code: 'zip-damaged' } });
    expect(review.findings.documents.length).toBe(3);
  });
});

describe('JSON', () => {
  it('refuses JSON nested 100,000 levels deep, without parsing it', async () => {
    const deep = `{"resourceType":"Patient","extension":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await expectRefused(deep, 'too-deep', { code: 'too-deep', depth: 256 });
  });

  it.each([
    ['cut short', JSON.stringify(bundle()).slice(0, 2000), 'truncated', { code: 'truncated', size: strToU8(JSON.stringify(bundle()).slice(0, 2000)).length }],
    ['broken syntax', '{"resourceType":"Patient","name":[{"family":"Example",}]}', 'corrupt', { code: 'json-damaged' }],
    ['mismatched brackets', '{"resourceType":"Patient","name":[}', 'corrupt', { code: 'json-damaged' }],
    ['a bare value after a resource', '{"resourceType":"Patient"}\n42', 'not-a-record', { code: 'json-plain-value' }],
    ['a JSON list', '[{"resourceType":"Patient"}]', 'not-a-record', { code: 'json-list' }],
    ['no resourceType', '{"name":"Aroha"}', 'not-a-record', { code: 'fhir-no-resource-type' }],
    ['an OperationOutcome (a server error saved as the record)', '{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"login"}]}', 'wrong-resource', { code: 'fhir-operation-outcome' }],
    ['a CapabilityStatement', '{"resourceType":"CapabilityStatement","status":"active"}', 'wrong-resource', { code: 'fhir-definition', resourceType: 'CapabilityStatement' }],
    ['a misspelt resource type', '{"resourceType":"Pateint","id":"p1"}', 'wrong-resource', { code: 'fhir-unknown-type', resourceType: 'Pateint' }],
  ])('%s', async (_, json, code, message) => {
    await expectRefused(json, code, message);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = strToU8(JSON.stringify(PATIENT).replace('Whangārei', 'Whangarei XX'));
    const at = bytes.indexOf(0x58); // the first "X"
    bytes[at] = 0xe9; // é in Windows-1252, invalid on its own in UTF-8
    await expectRefused(bytes, 'encoding', { code: 'json-not-utf8' });
  });

  it('reads a Patient whose fields have the wrong shapes without failing', async () => {
    const review = await reviewFile(file(JSON.stringify({ resourceType: 'Patient', identifier: 'ZZZ0016', name: { family: 'x' }, telecom: [null, 5, { system: 'email' }], birthDate: 19800214 })));
    expect(review.outcome).toBe('reviewed');
    expect(review.findings.identifiers).toEqual([]);
    expect(review.findings.identity).toEqual({ emails: 1 });
  });

  it('skips, and reports, an entry over the size cap', async () => {
    const big = { resourceType: 'Binary', contentType: 'application/pdf', data: 'A'.repeat(300_000) };
    const review = await reviewFile(file(JSON.stringify(bundle([PATIENT, big]))), { limits: { maxResourceBytes: 100_000 } });
    expect(review.outcome).toBe('reviewed');
    expect(review.findings.patients).toBe(1);
    // The Bundle entry around the resource, as the page words it.
    expect(review.warnings).toEqual([{ code: 'skipped-entry', size: 300_138 }]);
    expect(review.warnings.map(reviewMessageText)).toEqual(['An entry larger than 300 kB (probably an attached file) was skipped.']);
  });

  it('reads a 500 MB NDJSON stream with bounded memory, and shows progress', async () => {
    const line = strToU8(`${JSON.stringify({ resourceType: 'Binary', contentType: 'text/plain', data: 'QUJD'.repeat(262_100) })}\n`);
    const lines = Math.ceil((500 * 1024 * 1024) / line.length);
    let sent = 0;
    const input: ReviewInput = {
      name: 'Binary.000.ndjson',
      size: lines * line.length,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < lines) controller.enqueue(line);
            else controller.close();
          },
        }),
    };
    const before = process.memoryUsage().rss;
    let peak = before;
    const updates: number[] = [];
    const review = await reviewFile(input, {
      onProgress: ({ bytesDone }) => {
        updates.push(bytesDone);
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
    expect(review.format).toBe('fhir-ndjson');
    expect(review.findings.categories.other?.count).toBe(lines);
    expect(updates.at(-1)).toBe(input.size);
    expect(updates.length).toBeGreaterThan(5);
    // Streaming: memory grows by far less than the file.
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('refuses a file over the size cap without reading it', async () => {
    let read = false;
    const input: ReviewInput = {
      name: 'huge.json',
      size: 3 * 1024 ** 3,
      stream: () => {
        read = true;
        return new ReadableStream();
      },
    };
    await expectRefused(input, 'too-large', { code: 'too-large', size: 3 * 1024 ** 3, limit: 2 * 1024 ** 3 });
    expect(read).toBe(false);
  });
});

describe('XML', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE ClinicalDocument [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol9;</title></ClinicalDocument>`;

  it.each([
    ['entity expansion (billion laughs)', laughs],
    ['an external DTD', '<?xml version="1.0"?>\n<!DOCTYPE ClinicalDocument SYSTEM "https://attacker.example/cda.dtd">\n<ClinicalDocument xmlns="urn:hl7-org:v3"/>'],
    ['an external entity (XXE)', '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title></ClinicalDocument>'],
  ])('refuses %s without resolving anything', async (_, xml) => {
    await expectRefused(xml, 'xml-doctype', { code: 'xml-doctype' });
  });

  it('treats an entity that was never declared as damage', async () => {
    await expectRefused('<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title></ClinicalDocument>', 'corrupt', { code: 'xml-damaged' });
  });

  it.each([
    ['cut short', cdaDocument().slice(0, 3000), 'truncated', { code: 'xml-truncated' }],
    ['broken tags', cdaDocument().replace('</recordTarget>', '</recordTaget>'), 'corrupt', { code: 'xml-damaged' }],
    ['nested too deep', `<ClinicalDocument xmlns="urn:hl7-org:v3">${'<a>'.repeat(300)}${'</a>'.repeat(300)}</ClinicalDocument>`, 'too-deep', { code: 'too-deep', depth: 256 }],
    ['ClinicalDocument outside the HL7 namespace', '<ClinicalDocument><id/></ClinicalDocument>', 'not-a-record', { code: 'cda-wrong-namespace' }],
    ['FHIR in XML', '<Patient xmlns="http://hl7.org/fhir"><id value="p1"/></Patient>', 'not-a-record', { code: 'fhir-in-xml', resourceType: 'Patient' }],
    ['some other XML', '<invoice><total>5</total></invoice>', 'not-a-record', { code: 'xml-unknown-root', element: 'invoice' }],
    ['an unknown declared encoding', '<?xml version="1.0" encoding="x-klingon"?><ClinicalDocument xmlns="urn:hl7-org:v3"/>', 'encoding', { code: 'xml-encoding-unknown', encoding: 'x-klingon' }],
  ])('%s', async (_, xml, code, message) => {
    await expectRefused(xml, code, message);
  });

  it('refuses bytes that are not the UTF-8 the document declares', async () => {
    const bytes = strToU8(cdaDocument().replace('Whangārei', 'Rotorua X'));
    bytes[bytes.indexOf(0x58)] = 0xe9;
    await expectRefused(bytes, 'encoding', { code: 'not-utf8' });
  });
});

describe('not health records at all', () => {
  it.each([
    ['an empty file', '', 'empty', { code: 'empty' }],
    ['only white space', '  \n\t ', 'empty', { code: 'empty' }],
    ['a portal sign-in page saved instead of the record', '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form></form></body></html>', 'not-a-record', { code: 'html-page' }],
    ['a plain text Blue Button file', 'MY HEALTHEVET PERSONAL HEALTH INFORMATION\n------\nName: Example\n', 'not-a-record', { code: 'plain-text' }],
    // These bytes open with a NUL, which the sniffer takes for UTF-16 text: the plain-text advice.
    ['random bytes', Uint8Array.from({ length: 2000 }, (_, index) => (index * 7919) % 251), 'not-a-record', { code: 'plain-text' }],
    // An old Word .doc (OLE compound file header, then its sector table): binary, not a format it knows.
    ['a Word 97 document', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array.from({ length: 504 }, () => 0x01)]), 'not-a-record', { code: 'not-a-record-format' }],
  ])('%s', async (_, content, code, message) => {
    const review = await expectRefused(content, code, message);
    expect(review.outcome).toBe('unrecognised');
  });
});

describe('cancelling', () => {
  it('stops between chunks when the signal aborts', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const input: ReviewInput = {
      name: 'endless.ndjson',
      size: 1_000_000_000,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(stream) {
            if (++chunks === 3) controller.abort();
            stream.enqueue(strToU8(`${JSON.stringify(PATIENT)}\n`.repeat(100)));
          },
        }),
    };
    const review = await reviewFile(input, { signal: controller.signal });
    expect(review.outcome).toBe('cancelled');
    expect(chunks).toBeLessThan(10);
  });
});
