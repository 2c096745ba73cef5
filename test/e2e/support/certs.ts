import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  caCertPath: string;
  certPem: string;
  keyPem: string;
  /** base64 sha256 of the server certificate's SubjectPublicKeyInfo, for Chromium's SPKI allow-list. */
  spkiSha256: string;
}

/**
 * A throwaway CA and a server certificate for `hosts`, made with openssl in `dir` at test time.
 * Nothing here is committed or trusted outside the test browsers' own profiles.
 */
export function makeCertificates(dir: string, hosts: readonly string[]): TestCertificates {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Portal Guard e2e test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hosts[0] ?? 'localhost'}`);
  writeFileSync(join(dir, 'server.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${[...hosts.map((host) => `DNS:${host}`), 'IP:127.0.0.1'].join(',')}`,
  ].join('\n'));
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext');

  const certPem = readFileSync(join(dir, 'server.crt'), 'utf8');
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caCertPath: join(dir, 'ca.crt'),
    certPem,
    keyPem: readFileSync(join(dir, 'server.key'), 'utf8'),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
