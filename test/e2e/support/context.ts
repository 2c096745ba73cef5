import { inject } from 'vitest';

/** What global-setup.ts hands every e2e test file (through vitest's provide/inject). */
export interface E2eContext {
  /** The local HTTPS server's port on 127.0.0.1; every hostname is mapped onto it. */
  port: number;
  spkiSha256: string;
  caCertPath: string;
  /** Write `<servedDir>/<host>/<path>` to serve a file under that URL from now on. */
  servedDir: string;
  /** JSON lines, one per request the server saw (see server.ts). */
  requestLog: string;
  /** The hostnames the server certificate names. */
  certHosts: string[];
  chromeExtensionDir: string;
  firefoxExtensionDir: string;
  screenshotsDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export function e2eContext(): E2eContext {
  return inject('e2e');
}
