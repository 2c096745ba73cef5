/**
 * Which `<!DOCTYPE …>` declarations are harmless. Every Apple Health `export.xml` opens with an
 * internal subset of element and attribute declarations (`<!DOCTYPE HealthData [ <!ELEMENT …>
 * <!ATTLIST …> ]>`), so refusing every DTD turned a patient's own export into an "attack".
 * What attacks need is something else: entities (billion laughs, XXE), parameter entities
 * (`%name;`, which pull declarations in) and external identifiers (`SYSTEM`/`PUBLIC`, which point
 * a reader at another file). Those stay refused.
 *
 * saxes hands the doctype over as text (everything after `<!DOCTYPE`, up to its closing `>`),
 * having already honoured quotes and comments inside the subset; this scanner honours them the
 * same way, so a `]>` inside a quoted default or a comment cannot hide a declaration after it.
 * Hand-written because it is a whitelist of three constructs: a DTD parser would accept far more
 * than we want, and saxes itself does not validate the subset.
 */

export type DoctypeVerdict = { ok: true; root: string } | { ok: false; reason: 'entity' | 'parameter-entity' | 'external' | 'malformed' };

const NAME = /^\s*([A-Za-z_:][\w.:-]*)/;

/** Judge a doctype's text, as saxes' `doctype` event gives it (` HealthData [ … ]`). */
export function judgeDoctype(text: string): DoctypeVerdict {
  const name = NAME.exec(text);
  if (!name) return { ok: false, reason: 'malformed' };
  let at = name[0].length;
  at = skipSpace(text, at);
  if (at === text.length) return { ok: true, root: name[1]! };
  if (text[at] !== '[') return { ok: false, reason: /^(?:SYSTEM|PUBLIC)\b/.test(text.slice(at)) ? 'external' : 'malformed' };
  at++;
  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) return { ok: false, reason: 'malformed' };
    if (text[at] === ']') return text.slice(at + 1).trim() === '' ? { ok: true, root: name[1]! } : { ok: false, reason: 'malformed' };
    if (text[at] === '%') return { ok: false, reason: 'parameter-entity' };
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return { ok: false, reason: 'malformed' };
      at = end + 3;
      continue;
    }
    if (/^<!ENTITY\s/.test(text.slice(at, at + 9))) return { ok: false, reason: text.slice(at + 8).trimStart().startsWith('%') ? 'parameter-entity' : 'entity' };
    if (!/^<!(?:ELEMENT|ATTLIST)\s/.test(text.slice(at, at + 10))) return { ok: false, reason: 'malformed' };
    // One declaration, to its `>`; quoted strings (attribute defaults) are skipped whole.
    at += 9;
    let closed = false;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"' || char === "'") {
        const end = text.indexOf(char, at + 1);
        if (end < 0) return { ok: false, reason: 'malformed' };
        at = end + 1;
        continue;
      }
      if (char === '%') return { ok: false, reason: 'parameter-entity' };
      if (char === '<' || char === '[' || char === ']') return { ok: false, reason: 'malformed' };
      at++;
      if (char === '>') {
        closed = true;
        break;
      }
    }
    if (!closed) return { ok: false, reason: 'malformed' };
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}
