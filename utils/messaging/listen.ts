import { z } from 'zod';
import { browser, type Browser } from 'wxt/browser';
import { protocol, type MessageName, type Protocol, type RequestOf, type ResponseOf } from './protocol';
import type { Reply } from './send';

/** The receiving half: the background parses sender, payload and reply here, and nowhere else. */

export type Sender = Browser.runtime.MessageSender;
export type Handlers = { [N in MessageName]: (payload: RequestOf<N>, sender: Sender) => Promise<ResponseOf<N>> | ResponseOf<N> };

/**
 * Who may send what, and if not, why. Content scripts: our extension, a tab, the top frame, an
 * https page. Extension pages: our extension, a URL inside it, and one of the pages the message
 * lists (the path alone: a page's query and hash are its own business).
 */
export function senderRefusal(name: MessageName, sender: Sender, extensionId: string, extensionOrigin: string): string | undefined {
  const spec: Protocol[MessageName] = protocol[name];
  if (sender.id !== extensionId) return 'sender not allowed';
  if (spec.from === 'content-script') {
    const allowed = sender.tab?.id !== undefined && sender.frameId === 0 && typeof sender.url === 'string' && sender.url.startsWith('https://');
    return allowed ? undefined : 'sender not allowed';
  }
  if (typeof sender.url !== 'string' || !sender.url.startsWith(extensionOrigin)) return 'sender not allowed';
  const path = new URL(sender.url).pathname;
  return (spec.pages as readonly string[]).includes(path) ? undefined : `sender not allowed: ${name} is not sent from ${path}`;
}

/** Validate one incoming message and run its handler. Exported for tests; never throws. */
// Built once: every message the background receives goes through it.
const envelopeSchema = z.looseObject({ name: z.enum(Object.keys(protocol) as [MessageName, ...MessageName[]]), payload: z.unknown() });

export async function dispatch(message: unknown, sender: Sender, handlers: Partial<Handlers>, extension = { id: browser.runtime.id, origin: browser.runtime.getURL('/') }): Promise<Reply> {
  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success) return { ok: false, error: 'unknown message' };
  const { name, payload } = envelope.data;
  const spec = protocol[name];
  const refusal = senderRefusal(name, sender, extension.id, extension.origin);
  if (refusal) return { ok: false, error: refusal };
  const parsed = spec.request.safeParse(payload);
  if (!parsed.success) return { ok: false, error: `invalid payload: ${z.prettifyError(parsed.error)}` };
  const handler = handlers[name] as ((payload: unknown, sender: Sender) => unknown) | undefined;
  if (!handler) return { ok: false, error: 'no handler' };
  try {
    return { ok: true, value: spec.response.parse(await handler(parsed.data, sender)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Listen for protocol messages; returns a function that stops listening. The map must be
 * complete: a message added to the protocol without a handler does not compile (the partial map
 * `dispatch` takes is for tests, and its "no handler" reply cannot happen here).
 */
export function listenForMessages(handlers: Handlers): () => void {
  // sendResponse + `return true` rather than returning a promise: it works in Chrome, Firefox and
  // WXT's fakeBrowser alike.
  const listener = (message: unknown, sender: Sender, sendResponse: (reply: Reply) => void) => {
    void dispatch(message, sender, handlers).then(sendResponse);
    return true as const;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
