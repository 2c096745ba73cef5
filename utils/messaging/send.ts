import { browser } from 'wxt/browser';
import type { MessageName, RequestOf, ResponseOf } from './protocol';

/**
 * The sending half, kept free of zod at run time (type-only imports) so the content script stays
 * small. Replies were already parsed by the background's `dispatch` before they were sent.
 */

export type Envelope = { name: MessageName; payload: unknown };
export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Send a message to the background. Throws with the handler's reason when it refuses. */
export async function sendMessage<N extends MessageName>(name: N, payload: RequestOf<N>): Promise<ResponseOf<N>> {
  const reply = (await browser.runtime.sendMessage({ name, payload } satisfies Envelope)) as Reply | undefined;
  if (!reply) throw new Error(`${name}: no reply from the background`);
  if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
  return reply.value as ResponseOf<N>;
}
