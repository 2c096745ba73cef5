import { isVisible } from '../session/classify';

/**
 * Find a form where the patient chooses a new password: a change-password form (current, new,
 * confirm), a reset form (new, confirm) or a sign-up form (an email or user name, new, confirm).
 * A sign-in form (one password, "current-password") is not one.
 *
 * It runs in the content script on every throttled page check, so the common case is a single
 * `querySelectorAll` that finds no password field. Pure apart from reading the DOM it is given;
 * `form-detect.test.ts` runs it on a table of portal-like form shapes.
 *
 * Each visible, enabled password field gets a role from its own words (label, placeholder,
 * aria-label, name, id, Angular's formcontrolname), split at camelCase and punctuation, and then
 * from `autocomplete`:
 *   confirm  "Confirm", "Re-enter", "Retype", "Repeat", "again", "verify", "password2"
 *   current  "Current", "Old", "Existing", "Previous", or autocomplete="current-password"
 *   new      "New", "Create", "Choose", or autocomplete="new-password"
 * Words win over `autocomplete`, which sites often get wrong. A field with no telling words is
 * taken as the new one only next to a confirm field or with autocomplete="new-password", so a
 * sign-in form with a PIN is not mistaken for a sign-up form.
 */

export type PasswordFormKind = 'change' | 'new' | 'signup';

export interface PasswordForm {
  kind: PasswordFormKind;
  /** The `<form>`, or for a form-less single-page app the fields' nearest common ancestor. */
  container: Element;
  newPassword: HTMLInputElement;
  confirm?: HTMLInputElement;
  current?: HTMLInputElement;
  /** Email or user-name fields: their values are passed to the strength estimate, never sent. */
  identityFields: HTMLInputElement[];
}

type Role = 'current' | 'new' | 'confirm' | 'unknown';

const CONFIRM = /\b(?:confirm(?:ation)?|re ?enter|re ?type|repeat|again|verify|verification|match|(?:password|pass|pwd|pw) ?2)\b/;
const CURRENT = /\b(?:current|old|existing|previous|present)\b/;
const NEW = /\b(?:new|create|choose|pick|desired)\b/;
const IDENTITY = /\b(?:e ?mail|user ?name|user|login|username)\b/;

/** Lowercase words: "newPasswordConfirm" → "new password confirm", "password_2" → "password 2". */
export function wordsOf(text: string): string {
  return text
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function describe(input: HTMLInputElement): string {
  const doc = input.ownerDocument;
  const labelled = (input.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => doc.getElementById(id)?.textContent ?? '');
  const labels = [...(input.labels ?? [])].map((label) => label.textContent ?? '');
  const attributes = ['name', 'id', 'placeholder', 'aria-label', 'formcontrolname', 'title'].map((name) => input.getAttribute(name) ?? '');
  return wordsOf([...labels, ...labelled, ...attributes].join(' '));
}

function autocomplete(input: HTMLInputElement): string {
  return (input.getAttribute('autocomplete') ?? '').toLowerCase();
}

function roleOf(input: HTMLInputElement): Role {
  const words = describe(input);
  if (CONFIRM.test(words)) return 'confirm';
  if (CURRENT.test(words)) return 'current';
  if (NEW.test(words)) return 'new';
  const auto = autocomplete(input);
  if (auto.includes('new-password')) return 'new';
  if (auto.includes('current-password')) return 'current';
  return 'unknown';
}

const usable = (input: HTMLInputElement) => !input.disabled && !input.readOnly && isVisible(input);

/** The first form on the page where a new password is chosen, or undefined. */
export function findPasswordForm(root: Document | Element): PasswordForm | undefined {
  const all = root.querySelectorAll<HTMLInputElement>('input[type=password]');
  if (all.length === 0) return undefined;
  const groups = new Map<Element | null, HTMLInputElement[]>();
  for (const input of all) {
    if (!usable(input)) continue;
    const form = input.closest('form');
    groups.set(form, [...(groups.get(form) ?? []), input]);
  }
  for (const [form, fields] of groups) {
    const found = classifyGroup(fields.slice(0, 6), form);
    if (found) return found;
  }
  return undefined;
}

function classifyGroup(fields: HTMLInputElement[], form: Element | null): PasswordForm | undefined {
  const roles = fields.map((input) => ({ input, role: roleOf(input) }));
  let current = roles.find((field) => field.role === 'current');
  const rest = roles.filter((field) => field !== current);
  let confirm = rest.find((field) => field.role === 'confirm');
  const isNewCapable = (field: (typeof roles)[number]) => field !== confirm && (field.role === 'new' || (field.role === 'unknown' && (confirm !== undefined || autocomplete(field.input).includes('new-password'))));
  const newField = rest.find((field) => field.role === 'new') ?? rest.find(isNewCapable);
  if (!newField) return undefined;
  // Two "new-password" fields with no words: the second one confirms the first.
  confirm ??= rest.find((field) => field !== newField && roles.indexOf(field) > roles.indexOf(newField) && field.role !== 'current' && autocomplete(field.input).includes('new-password'));
  // "Password" above "New password": the plain one is the current password.
  current ??= newField.role === 'new' ? roles.find((field) => field.role === 'unknown' && roles.indexOf(field) < roles.indexOf(newField)) : undefined;

  const container = form ?? commonAncestor(fields);
  const identityFields = [...container.querySelectorAll<HTMLInputElement>('input:not([type]), input[type=text], input[type=email]')].filter(
    (input) => usable(input) && (input.type === 'email' || /username|email/.test(autocomplete(input)) || IDENTITY.test(describe(input))),
  );
  const kind: PasswordFormKind = current ? 'change' : identityFields.length > 0 ? 'signup' : 'new';
  return {
    kind,
    container,
    newPassword: newField.input,
    ...(confirm ? { confirm: confirm.input } : {}),
    ...(current ? { current: current.input } : {}),
    identityFields,
  };
}

function commonAncestor(fields: HTMLInputElement[]): Element {
  let ancestor: Element = fields[0]!.parentElement ?? fields[0]!;
  while (!fields.every((field) => ancestor.contains(field)) && ancestor.parentElement) ancestor = ancestor.parentElement;
  return ancestor;
}
