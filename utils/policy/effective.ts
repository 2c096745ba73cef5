import type { ManagedPolicy } from './schema';

/**
 * What a switch is once the managed policy is applied, and whether the patient may change it.
 * `locked` means the organisation decided: the options page shows the switch read-only, marked
 * "set by your organisation".
 */
export interface Effective {
  on: boolean;
  locked: boolean;
}

/**
 * The Pwned Passwords check. `disallowed` keeps it off whatever the patient chose earlier;
 * `allowed` turns it on (it still needs the browser's grant for the range API, which no policy can
 * give); `user-choice` or no policy leaves the patient's own choice.
 */
export function breachCheckSetting(policy: Pick<ManagedPolicy, 'pwnedPasswordsCheck'>, patientChoice: boolean): Effective {
  if (policy.pwnedPasswordsCheck === 'disallowed') return { on: false, locked: true };
  if (policy.pwnedPasswordsCheck === 'allowed') return { on: true, locked: true };
  return { on: patientChoice, locked: false };
}

/** Shared-computer mode: a policy can switch it on for everyone; otherwise it is the patient's choice. */
export function sharedComputerSetting(policy: Pick<ManagedPolicy, 'sharedComputerMode'>, patientChoice: boolean): Effective {
  if (policy.sharedComputerMode === true) return { on: true, locked: true };
  return { on: patientChoice, locked: false };
}

/**
 * The tracker audit: a policy decides it either way (`false` off, `true` on), locked; otherwise the
 * patient's choice, which is on until they switch it off.
 */
export function trackerAuditSetting(policy: Pick<ManagedPolicy, 'trackerAudit'>, patientChoice: boolean): Effective {
  if (policy.trackerAudit !== undefined) return { on: policy.trackerAudit, locked: true };
  return { on: patientChoice, locked: false };
}
