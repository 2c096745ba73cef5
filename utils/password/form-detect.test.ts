import { afterEach, describe, expect, it } from 'vitest';
import { findPasswordForm, wordsOf } from './form-detect';

/**
 * Form shapes modelled on the portals patients use. They are written from the patterns these
 * portals' pages follow (labels, placeholders, Angular `formcontrolname`, the NHS design system's
 * markup), not copied from live pages, and each says which portal family it stands for.
 */
interface Case {
  name: string;
  html: string;
  expected: { kind: 'change' | 'new' | 'signup'; newPassword: string; confirm?: string; current?: string } | null;
}

const CASES: Case[] = [
  {
    name: 'MyChart-like: Security Settings → change password (labels, no autocomplete)',
    html: `<form id="f" action="/MyChart/Security/ChangePassword" method="post">
      <label for="CurrentPassword">Current password</label><input type="password" id="CurrentPassword" name="CurrentPassword">
      <label for="NewPassword">New password</label><input type="password" id="NewPassword" name="NewPassword">
      <label for="NewPasswordConfirm">Retype new password</label><input type="password" id="NewPasswordConfirm" name="NewPasswordConfirm">
      <button type="submit">Accept</button></form>`,
    expected: { kind: 'change', current: 'CurrentPassword', newPassword: 'NewPassword', confirm: 'NewPasswordConfirm' },
  },
  {
    name: 'MyChart-like: sign-up with an activation code (username, password, retype)',
    html: `<form id="f"><label for="username">Create a MyChart username</label><input id="username" name="Username" type="text">
      <label for="pw">Create a password</label><input id="pw" name="Password" type="password">
      <label for="pw2">Retype password</label><input id="pw2" name="Password2" type="password"></form>`,
    expected: { kind: 'signup', newPassword: 'pw', confirm: 'pw2' },
  },
  {
    name: 'MyChart-like: sign-in page (one password field) is not a new-password form',
    html: `<form id="f"><label for="Login">Username</label><input id="Login" name="Login" autocomplete="username">
      <label for="Password">Password</label><input id="Password" name="Password" type="password" autocomplete="current-password"></form>`,
    expected: null,
  },
  {
    name: 'Manage-My-Health-like: Angular form, placeholders and formcontrolname, no labels',
    html: `<form id="f" novalidate class="ng-untouched ng-pristine ng-invalid">
      <input type="password" formcontrolname="oldPassword" placeholder="Old Password" class="form-control" id="a">
      <input type="password" formcontrolname="newPassword" placeholder="New Password" class="form-control" id="b">
      <input type="password" formcontrolname="confirmPassword" placeholder="Confirm Password" class="form-control" id="c">
      <button type="button">Change Password</button></form>`,
    expected: { kind: 'change', current: 'a', newPassword: 'b', confirm: 'c' },
  },
  {
    name: 'Manage-My-Health-like: sign-in (email, password, "Forgot your password?") is not one',
    html: `<form id="f"><label for="email">Email address</label><input id="email" type="email" autocomplete="username">
      <label for="password">Password</label><input id="password" type="password" autocomplete="current-password"><button>Log in</button></form>`,
    expected: null,
  },
  {
    name: 'NHS-like: NHS login “Create a password” (design-system labels, autocomplete new-password)',
    html: `<form id="f" method="post" novalidate><div class="nhsuk-form-group"><label class="nhsuk-label" for="password">Create a password</label>
      <div class="nhsuk-hint" id="password-hint">Your password must be at least 8 characters</div>
      <input class="nhsuk-input" id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-hint"></div>
      <div class="nhsuk-form-group"><label class="nhsuk-label" for="password-confirm">Re-enter your password</label>
      <input class="nhsuk-input" id="password-confirm" name="password-confirm" type="password" autocomplete="new-password"></div>
      <button class="nhsuk-button" type="submit">Continue</button></form>`,
    expected: { kind: 'new', newPassword: 'password', confirm: 'password-confirm' },
  },
  {
    name: 'NHS-like: change password in login and security settings',
    html: `<form id="f" method="post"><label class="nhsuk-label" for="current-password">Enter your current password</label>
      <input class="nhsuk-input" id="current-password" name="currentPassword" type="password" autocomplete="current-password">
      <label class="nhsuk-label" for="new-password">Enter a new password</label><input class="nhsuk-input" id="new-password" name="newPassword" type="password" autocomplete="new-password">
      <label class="nhsuk-label" for="confirm-password">Confirm your new password</label><input class="nhsuk-input" id="confirm-password" name="confirmPassword" type="password" autocomplete="new-password">
      <button class="nhsuk-button">Save password</button></form>`,
    expected: { kind: 'change', current: 'current-password', newPassword: 'new-password', confirm: 'confirm-password' },
  },
  {
    name: 'generic: sign-up with email, password and “Confirm password” (no autocomplete)',
    html: `<form id="f"><input type="email" name="email" placeholder="Email"><input type="password" name="password" id="p1" placeholder="Password">
      <input type="password" name="password_confirmation" id="p2" placeholder="Confirm password"></form>`,
    expected: { kind: 'signup', newPassword: 'p1', confirm: 'p2' },
  },
  {
    name: 'generic: two unlabelled new-password fields (the second confirms the first)',
    html: `<form id="f"><input type="password" id="p1" autocomplete="new-password"><input type="password" id="p2" autocomplete="new-password"></form>`,
    expected: { kind: 'new', newPassword: 'p1', confirm: 'p2' },
  },
  {
    name: 'generic: a single new-password field next to a user name',
    html: `<form id="f"><input id="u" autocomplete="username"><input type="password" id="p" autocomplete="new-password"></form>`,
    expected: { kind: 'signup', newPassword: 'p' },
  },
  {
    name: 'generic: labels through aria-labelledby, and a plain “Password” above “New password” is the current one',
    html: `<form id="f"><span id="l1">Password</span><input type="password" id="p0" aria-labelledby="l1">
      <span id="l2">New password</span><input type="password" id="p1" aria-labelledby="l2">
      <span id="l3">New password again</span><input type="password" id="p2" aria-labelledby="l3"></form>`,
    expected: { kind: 'change', current: 'p0', newPassword: 'p1', confirm: 'p2' },
  },
  {
    name: 'generic: a single-page app with no <form> element',
    html: `<div class="card"><div><label for="p1">Choose a password</label><input type="password" id="p1"></div>
      <div><label for="p2">Password (again)</label><input type="password" id="p2"></div><button>Save</button></div>`,
    expected: { kind: 'new', newPassword: 'p1', confirm: 'p2' },
  },
  {
    name: 'generic: a password-reset form with a read-only user name is a "new" form, not a sign-up',
    html: `<form id="f"><input id="u" autocomplete="username" value="aroha@example.nz" readonly>
      <label for="p1">New password</label><input type="password" id="p1"><label for="p2">Confirm new password</label><input type="password" id="p2"></form>`,
    expected: { kind: 'new', newPassword: 'p1', confirm: 'p2' },
  },
  {
    name: 'generic: a page with both a sign-in form and a register form finds the register form',
    html: `<form id="login"><input id="e" type="email"><input type="password" id="lp" autocomplete="current-password"></form>
      <form id="f"><input id="re" type="email"><label for="rp">Create password</label><input type="password" id="rp"></form>`,
    expected: { kind: 'signup', newPassword: 'rp' },
  },
  {
    name: 'negative: a sign-in form with a password and a memorable word (two fields, no telling words)',
    html: `<form id="f"><label for="a">Password</label><input type="password" id="a"><label for="b">Memorable word</label><input type="password" id="b"></form>`,
    expected: null,
  },
  {
    name: 'negative: the new-password fields are hidden (a template) or disabled',
    html: `<form id="f" hidden><input type="password" id="p1" autocomplete="new-password"></form>
      <form><label for="p2">New password</label><input type="password" id="p2" disabled></form>`,
    expected: null,
  },
  {
    name: 'negative: no password field at all',
    html: `<form><input type="search" name="q"></form>`,
    expected: null,
  },
];

afterEach(() => document.body.replaceChildren());

describe('findPasswordForm', () => {
  it.each(CASES)('$name', ({ html, expected }) => {
    document.body.innerHTML = html; // eslint-disable-line no-restricted-properties -- trusted test fixture
    const found = findPasswordForm(document);
    if (!expected) return expect(found).toBeUndefined();
    expect(found).toBeDefined();
    expect({
      kind: found!.kind,
      newPassword: found!.newPassword.id,
      ...(found!.confirm ? { confirm: found!.confirm.id } : {}),
      ...(found!.current ? { current: found!.current.id } : {}),
    }).toEqual(expected);
    if (document.getElementById('f')) expect(found!.container.id === 'f' || found!.container.contains(found!.newPassword)).toBe(true);
  });

  it('lists the email or user-name fields of a sign-up form, whose values help the strength estimate', () => {
    document.body.innerHTML = CASES[7]!.html; // eslint-disable-line no-restricted-properties -- trusted test fixture
    expect(findPasswordForm(document)!.identityFields.map((input) => input.name)).toEqual(['email']);
  });

  it.each([
    ['newPasswordConfirm', 'new password confirm'],
    ['password_2', 'password 2'],
    ['Re-enter your password', 're enter your password'],
    ['CurrentPassword', 'current password'],
  ])('splits %s into words', (text, words) => {
    expect(wordsOf(text)).toBe(words);
  });
});
