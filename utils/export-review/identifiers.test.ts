import { describe, expect, it } from 'vitest';
import { checkIdentifier, identifierTypeForOid, identifierTypeForSystem, maskIdentifier } from './identifiers';

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
  ])('OID %s is %s', (oid, kind) => expect(identifierTypeForOid(oid)?.kind).toBe(kind));

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
