/**
 * What a file is, from its first bytes, never from its name: a patient's "record.xml" may be a
 * PDF, and a portal's "download" may be its sign-in page.
 */

export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'pdf' }
  | { kind: 'image'; mimeType: string }
  | { kind: 'json'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number }
  | { kind: 'xml'; encoding: string; bom: number }
  | { kind: 'html' }
  | { kind: 'text' }
  | { kind: 'binary' };

/** How many bytes `sniff` wants before it decides (it decides on fewer at the end of a file). */
export const SNIFF_BYTES = 1024;

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((byte, index) => head[at + index] === byte);

export function sniff(head: Uint8Array): Sniffed {
  if (head.length === 0) return { kind: 'empty' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf' };
  const image = sniffImage(head);
  if (image) return { kind: 'image', mimeType: image };

  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let bom = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) bom = 3;
  else if (startsWith(head, [0xff, 0xfe])) [encoding, bom] = ['utf-16le', 2];
  else if (startsWith(head, [0xfe, 0xff])) [encoding, bom] = ['utf-16be', 2];
  // UTF-16 without a byte-order mark: `<` or `{` next to a zero byte (XML 1.0, appendix F).
  else if (head[0] === 0 && head[1] !== 0 && head.length > 1) encoding = 'utf-16be';
  else if (head[0] !== 0 && head[1] === 0 && head.length > 1) encoding = 'utf-16le';

  const text = new TextDecoder(encoding).decode(head.subarray(bom)).replace(/\uFFFD+$/, '');
  const start = text.trimStart();
  // Only white space (or only a byte-order mark) is as good as empty.
  if (start.length === 0) return { kind: 'empty' };
  const first = start[0];
  if (first === '{' || first === '[') return { kind: 'json', encoding, bom };
  if (first === '<') {
    if (/^<(?:!DOCTYPE\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(start) || /^<\?xml[^>]*\?>\s*(?:<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(start)) return { kind: 'html' };
    return { kind: 'xml', encoding: encoding === 'utf-8' ? declaredEncoding(start) ?? 'utf-8' : encoding, bom };
  }
  return looksLikeText(head.subarray(bom), encoding) ? { kind: 'text' } : { kind: 'binary' };
}

function sniffImage(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4) && /^(?:heic|heix|mif1|avif)$/.test(String.fromCharCode(...head.subarray(8, 12)))) return 'image/heic';
  // DICOM: a 128-byte preamble, then "DICM".
  if (head.length >= 132 && startsWith(head, [0x44, 0x49, 0x43, 0x4d], 128)) return 'application/dicom';
  return undefined;
}

/** `<?xml version="1.0" encoding="ISO-8859-1"?>` → `iso-8859-1`. */
function declaredEncoding(start: string): string | undefined {
  const declaration = /^<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(start);
  return declaration?.[1]?.toLowerCase();
}

function looksLikeText(bytes: Uint8Array, encoding: string): boolean {
  if (encoding !== 'utf-8') return true;
  let control = 0;
  for (const byte of bytes) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  return control === 0;
}
