import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { SITES, findRoute, type Site } from './sites';

/** One line of the request log: everything that reached the server, from any browser. */
export interface LoggedRequest {
  at: number;
  host: string;
  method: string;
  /** Path and query, as sent. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface ServerOptions {
  certPem: string;
  keyPem: string;
  fixturesDir: string;
  /**
   * Files a test writes at run time (a freshly signed feed, say) at `<servedDir>/<host>/<path>`.
   * They win over the fixture routes.
   */
  servedDir: string;
  requestLog: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.gif': 'image/gif',
};

const sitesByHost = new Map<string, Site>(Object.values(SITES).map((site) => [site.host, site]));

/**
 * The one HTTPS server behind every mapped hostname. It answers by the Host header, and logs
 * every request (including ones for hosts it does not know) as a JSON line, so a test can assert
 * what left the browser.
 */
export async function startServer(options: ServerOptions): Promise<{ server: Server; port: number }> {
  const server = createServer({ cert: options.certPem, key: options.keyPem }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'https://x').pathname);
    const found = resolveFile(options, host, pathname);
    const body = found && readFileSync(found.file);
    // Files written at run time stand for a static host or CDN (the feed): ETag, short caching and
    // the CORS headers docs/feed.md asks publishers for. Fixture pages are never cached.
    const headers: Record<string, string> = found?.served
      ? {
          etag: `"${createHash('sha256').update(body!).digest('hex').slice(0, 16)}"`,
          'cache-control': 'max-age=300',
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'ETag',
          'access-control-allow-headers': 'If-None-Match',
        }
      : { 'cache-control': 'no-store' };
    const status = !found ? 404 : request.method === 'OPTIONS' ? 204 : headers.etag && request.headers['if-none-match'] === headers.etag ? 304 : 200;
    const entry: LoggedRequest = { at: Date.now(), host, method: request.method ?? 'GET', url: request.url ?? '/', status, headers: request.headers };
    appendFileSync(options.requestLog, `${JSON.stringify(entry)}\n`);

    // Drain any body (the fixture forms POST); the answer never depends on it.
    request.resume();
    if (status === 404) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end(`No fixture for https://${host}${pathname}\n`);
      return;
    }
    response.writeHead(status, { ...headers, ...(status === 200 ? { 'content-type': TYPES[extname(found!.file)] ?? 'application/octet-stream' } : {}) });
    response.end(status === 200 ? body : undefined);
  });
  // Plain-http or wrong-protocol connections (everything is mapped here) end as TLS errors;
  // they are not requests the extension made over https, so they are not logged.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function resolveFile(options: ServerOptions, host: string, pathname: string): { file: string; served: boolean } | undefined {
  const served = insideDir(join(options.servedDir, host), pathname);
  if (served && existsSync(served) && statSync(served).isFile()) return { file: served, served: true };
  const site = sitesByHost.get(host);
  const route = site && findRoute(site, pathname);
  return route ? { file: join(options.fixturesDir, site.dir, route), served: false } : undefined;
}

/** `dir` + `pathname`, or undefined when the path would climb out of `dir`. */
function insideDir(dir: string, pathname: string): string | undefined {
  const path = normalize(join(dir, pathname));
  return path.startsWith(dir + sep) ? path : undefined;
}

/** The requests the server logged since `since` (ms), oldest first, to check what the extension sent. */
export function requestsSince(logFile: string, since: number): LoggedRequest[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedRequest)
    .filter((request) => request.at >= since);
}
