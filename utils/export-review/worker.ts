/// <reference lib="webworker" />
import { reviewFile } from './review';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * The export-review Web Worker. Parsing happens here so that a huge or hostile file never freezes
 * the page, and so that the page can stop it instantly (`terminate`).
 *
 * No network: the extension's CSP (`connect-src`, see utils/build/manifest-config.ts) already limits
 * every extension page and worker; on top of that, this worker removes the network APIs from its
 * own global scope before it handles any message, so no code running here can reach them.
 */

// One tsconfig type-checks the pages and this worker, so `self` is typed as a page's Window here.
// At run time it is the worker's global scope; TypeScript accepts this cast because the two overlap.
const scope = self as DedicatedWorkerGlobalScope;
// i18n-ignore: global API names, not text
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts', 'Worker', 'SharedWorker', 'Request']) {
  try {
    Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
  } catch {
    // A property the browser does not let us redefine is one it does not expose here either.
  }
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message?.type !== 'review') return;
  const post = (reply: FromWorker) => scope.postMessage(reply);
  const review = await reviewFile(message.file, {
    ...(message.limits ? { limits: message.limits } : {}),
    progressEveryMs: 100,
    onProgress: (progress) => post({ type: 'progress', id: message.id, progress }),
  });
  post({ type: 'done', id: message.id, review });
};
