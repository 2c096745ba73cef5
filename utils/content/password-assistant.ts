import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ResponseOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { findPasswordForm, type PasswordForm } from '../password/form-detect';
import type { Estimate } from '../password/strength';
import { assistantBundle, strengthBundle } from './bundles';
import { bundleLoader } from './load-bundle';

/**
 * Decides when the new-password assistant appears, and loads its code only then. The content
 * script carries this file and the form heuristics and nothing else of the assistant: when a
 * change-password, reset or sign-up form shows up, it asks the background what the assistant may
 * offer (`cs-bg/password-form`), loads `password-assistant.js` (load-bundle.ts: Chrome imports it,
 * web-accessible on portal hosts only; Firefox's background injects it) and mounts it next to the field. A single-page app that removes the form removes it too.
 */

export type AssistantConfig = Omit<ResponseOf<'cs-bg/password-form'>, 'ok'>;

export interface AssistantHandle {
  field: HTMLInputElement;
  remove(): void;
}

/**
 * What `password-assistant.js` registers (components/assistant/mount.ts). The content script
 * hands it `loadStrength`, so the assistant's bundle loads no code itself (bundles.ts).
 */
export type MountAssistant = (ctx: ContentScriptContext, form: PasswordForm, config: AssistantConfig, loaders: { loadStrength: () => Promise<Estimate> }) => Promise<AssistantHandle>;

const assistant = bundleLoader(assistantBundle);
const strength = bundleLoader(strengthBundle);

export const loadAssistant = (): Promise<MountAssistant> => assistant.load();

/**
 * Run `password-strength.js` and build the estimator: what the assistant calls once its UI shows.
 * The strength engine sits in the pure password layer and must not know how it is loaded.
 */
export async function loadStrength(): Promise<Estimate> {
  const create = await strength.load();
  return create();
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
        return mount(ctx, form, config, { loadStrength });
      })().catch(() => {
        failed.add(field);
        if (current?.field === field) current = undefined;
        return undefined;
      });
      current = { field, handle };
    },
  };
}
