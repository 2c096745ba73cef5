import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ResponseOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { findPasswordForm, type PasswordForm } from '../password/form-detect';

/**
 * Decides when the new-password assistant appears, and loads its code only then. The content
 * script carries this file and the form heuristics and nothing else of the assistant: when a
 * change-password, reset or sign-up form shows up, it asks the background what the assistant may
 * offer (`cs-bg/password-form`), imports `password-assistant.js` (web-accessible on portal hosts
 * only) and mounts it next to the field. A single-page app that removes the form removes it too.
 */

export const ASSISTANT_KEY = Symbol.for('portal-guard.password-assistant');

export type AssistantConfig = Omit<ResponseOf<'cs-bg/password-form'>, 'ok'>;

export interface AssistantHandle {
  field: HTMLInputElement;
  remove(): void;
}

export type MountAssistant = (ctx: ContentScriptContext, form: PasswordForm, config: AssistantConfig) => Promise<AssistantHandle>;

/** Import `password-assistant.js` and get its mount function. */
export async function loadAssistant(): Promise<MountAssistant> {
  const scope = globalThis as unknown as Record<symbol, MountAssistant | undefined>;
  if (!scope[ASSISTANT_KEY]) await import(/* @vite-ignore */ browser.runtime.getURL('/password-assistant.js'));
  const mount = scope[ASSISTANT_KEY];
  if (!mount) throw new Error('the password assistant did not load');
  return mount;
}

export interface AssistantControllerDeps {
  find?: (root: Document) => PasswordForm | undefined;
  ask?: (kind: PasswordForm['kind']) => Promise<AssistantConfig>;
  load?: () => Promise<MountAssistant>;
}

export function createAssistantController(
  ctx: ContentScriptContext,
  { find = findPasswordForm, ask = async (kind) => { const { ok: _ok, ...config } = await sendMessage('cs-bg/password-form', { kind }); return config; }, load = loadAssistant }: AssistantControllerDeps = {},
) {
  let current: { field: HTMLInputElement; handle: Promise<AssistantHandle | undefined> } | undefined;
  // A field the assistant could not attach to is not retried on every DOM change.
  const failed = new WeakSet<HTMLInputElement>();
  ctx.onInvalidated(() => void current?.handle.then((handle) => handle?.remove()));

  return {
    /** Called on every throttled page check. Cheap when there is no password field. */
    check(doc: Document): void {
      if (ctx.isInvalid) return;
      if (current && !current.field.isConnected) {
        void current.handle.then((handle) => handle?.remove());
        current = undefined;
      }
      if (current) return;
      const form = find(doc);
      if (!form || failed.has(form.newPassword)) return;
      const field = form.newPassword;
      const handle = (async () => {
        const config = await ask(form.kind);
        const mount = await load();
        if (ctx.isInvalid || !field.isConnected) return undefined;
        return mount(ctx, form, config);
      })().catch(() => {
        failed.add(field);
        if (current?.field === field) current = undefined;
        return undefined;
      });
      current = { field, handle };
    },
  };
}
