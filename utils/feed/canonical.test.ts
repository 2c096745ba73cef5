import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were written in', () => {
    expect(canonicalJson({ title: 'x', id: 'y' })).toBe(canonicalJson({ id: 'y', title: 'x' }));
  });

  it('drops undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses numbers that JSON cannot carry', () => {
    expect(() => canonicalJson({ sequence: Number.NaN })).toThrow('$.sequence');
  });
});
