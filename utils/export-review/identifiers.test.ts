import { describe, expect, it } from 'vitest';
import { checkIdentifier, identifierFromCdaId, identifierTypeForOid, identifierTypeForSystem, maskIdentifier, normaliseIdentifier } from './identifiers';

describe('identifier systems as their publishers register them', () => {
  it.each([
    ['https://standards.digital.health.nz/ns/nhi-id', 'nhi'],
    ['https://standards.digital.health.nz/id/nhi', 'nhi'],
    ['http://ns.electronichealth.net.au/id/hi/ihi/1.0', 'ihi'],
    ['http://ns.electronichealth.net.au/id/medicare-number', 'medicare-au'],
    ['http://ns.electronichealth.net.au/id/dva', 'dva'],
    ['https://fhir.nhs.uk/Id/nhs-number', 'nhs-number'],
    ['http://hl7.org/fhir/sid/us-ssn', 'ssn'],
    ['urn:oid:2.16.840.1.113883.4.1', 'ssn'],
    ['http://hl7.org/fhir/sid/us-mbi', 'mbi'],
  ])('%s is %s', (system, kind) => expect(identifierTypeForSystem(system)?.kind).toBe(kind));

  it.each([
    ['2.16.840.1.113883.4.1', 'ssn'],
    ['2.16.840.1.113883.2.18.2', 'nhi'],
    // Issue 15: NHS England's root, HL7 Australia's Medicare OIDs (10 and 11 digits).
    ['2.16.840.1.113883.2.1.4.1', 'nhs-number'],
    ['1.2.36.1.5001.1.0.7.1', 'medicare-au'],
    ['1.2.36.1.5001.1.0.7', 'medicare-au'],
    // A state's driver's licences (25: Massachusetts, as Synthea writes) and a country's passports (840: US).
    ['2.16.840.1.113883.4.3.25', 'drivers-licence'],
    ['2.16.840.1.113883.4.330.840', 'passport'],
  ])('OID %s is %s', (oid, kind) => expect(identifierTypeForOid(oid)?.kind).toBe(kind));

  it.each([
    ['urn:oid:2.16.840.1.113883.4.3.25', 'drivers-licence'],
    ['urn:oid:2.16.840.1.113883.2.1.4.1', 'nhs-number'],
  ])('FHIR system %s is %s', (system, kind) => expect(identifierTypeForSystem(system)?.kind).toBe(kind));

  it.each([
    // AU CDA: the shared healthcare identifier root with the number as extension, or appended to the root.
    ['1.2.36.1.2001.1003.0', '8003608833357361', { kind: 'ihi', value: '8003608833357361' }],
    ['1.2.36.1.2001.1003.0.8003608833357361', undefined, { kind: 'ihi', value: '8003608833357361' }],
    // The same root holds clinicians' HPI-I (800361) and organisations' HPI-O (800362): not the patient's.
    ['1.2.36.1.2001.1003.0', '8003619900015717', undefined],
    ['1.2.36.1.2001.1003.0.8003621566684455', undefined, undefined],
    ['2.16.840.1.113883.2.1.4.1', '943 476 5919', { kind: 'nhs-number', value: '943 476 5919' }],
    ['2.16.840.1.113883.4.1', undefined, undefined],
    ['2.16.840.1.113883.4.3', 'S99999999', undefined], // the arc itself names no issuer
  ])('CDA id root=%s extension=%s', (root, extension, expected) => {
    const found = identifierFromCdaId(root, extension);
    expect(found ? { kind: found.type.kind, value: found.value } : undefined).toEqual(expected);
  });

  it('does not treat provider or unknown systems as national patient identifiers', () => {
    expect(identifierTypeForOid('2.16.840.1.113883.4.6')).toBeUndefined(); // NPI: a provider's number
    expect(identifierTypeForSystem('https://standards.digital.health.nz/ns/hpi-person-id')).toBeUndefined();
    expect(identifierTypeForSystem('http://hospital.example.org/mrn')).toBeUndefined();
  });

  it('reports the check digit result', () => {
    const nhi = identifierTypeForSystem('https://standards.digital.health.nz/ns/nhi-id')!;
    expect(checkIdentifier(nhi, 'ZZZ0016')).toBe('valid');
    expect(checkIdentifier(nhi, 'ZZZ0017')).toBe('invalid');
    expect(checkIdentifier(identifierTypeForSystem('http://ns.electronichealth.net.au/id/dva')!, 'NX123456')).toBe('no-check-digit');
  });
});

describe('normaliseIdentifier: one number however it is written', () => {
  it.each([
    ['ssn', '444-22-2222', '444222222'],
    ['ssn', ' 444 22 2222 ', '444222222'],
    ['nhs-number', '943 476 5919', '9434765919'],
    ['ihi', '8003 6000 0000 0007', '8003600000000007'],
    ['medicare-au', '2950 10120 1', '2950101201'],
    ['nhi', 'zzz 0016', 'ZZZ0016'],
    ['mbi', '1eg4-te5-mk73', '1EG4TE5MK73'],
    ['passport', 'x1234567 ', 'X1234567'],
  ] as const)('%s %s → %s', (kind, value, normalised) => expect(normaliseIdentifier(kind, value)).toBe(normalised));
});

describe('maskIdentifier', () => {
  it.each([
    ['ssn', '444222222', '***-**-2222'],
    ['ssn', '444-22-2222', '***-**-2222'],
    ['nhs-number', '943 476 5919', '*** *** 5919'],
    ['nhs-number', '9434765919', '******5919'],
    ['nhi', 'ZZZ0016', '*****16'],
    ['ihi', '8003 6000 0000 0007', '**** **** **** 0007'],
    ['other', '1234', '****'],
    ['other', '', ''],
  ] as const)('%s %s → %s', (kind, value, masked) => expect(maskIdentifier(kind, value)).toBe(masked));
});
