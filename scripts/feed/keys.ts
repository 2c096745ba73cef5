import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bytesToBase64Url } from '../../utils/feed/base64';
import { SIGNATURE_ALG, type PinnedKey } from '../../utils/feed/envelope';
import { DEFAULT_PRIVATE_KEY_FILE, PRIVATE_KEY_ENV, ROOT, display } from './paths';

/** A private signing key as stored: an Ed25519 JWK whose `kid` is the key id. */
export interface SigningKey {
  jwk: JsonWebKey & { kid?: string };
  keyId: string;
  /** Where it came from, for messages (never the key itself). */
  origin: string;
}

/** `--key FILE`, else the environment variable (CI secret), else the default file outside the repo. */
export function loadSigningKey(keyFile?: string, env: NodeJS.ProcessEnv = process.env): SigningKey {
  let text: string;
  let origin: string;
  if (keyFile) {
    text = readFileSync(keyFile, 'utf8');
    origin = display(resolve(keyFile));
  } else if (env[PRIVATE_KEY_ENV]) {
    text = env[PRIVATE_KEY_ENV];
    origin = `$${PRIVATE_KEY_ENV}`;
  } else if (existsSync(DEFAULT_PRIVATE_KEY_FILE)) {
    text = readFileSync(DEFAULT_PRIVATE_KEY_FILE, 'utf8');
    origin = DEFAULT_PRIVATE_KEY_FILE;
  } else {
    throw new Error(`no signing key: pass --key FILE, set ${PRIVATE_KEY_ENV} to the private JWK, or keep it at ${DEFAULT_PRIVATE_KEY_FILE}`);
  }
  let jwk: SigningKey['jwk'];
  try {
    jwk = JSON.parse(text) as SigningKey['jwk'];
  } catch {
    throw new Error(`${origin} is not a JSON Web Key`);
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== SIGNATURE_ALG || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') throw new Error(`${origin} is not a private Ed25519 JWK`);
  if (!jwk.kid) throw new Error(`${origin} has no "kid": the key id is needed in the signature envelope`);
  return { jwk, keyId: jwk.kid, origin };
}

/** The public half, as pinned in utils/feed/keys.ts. */
export function publicKeyOf(key: SigningKey): PinnedKey {
  return { keyId: key.keyId, alg: SIGNATURE_ALG, publicKey: key.jwk.x as string };
}

/**
 * `npm run feed -- keygen --key-id ID [--out FILE]`: a new Ed25519 key pair. The private JWK is
 * written with mode 0600 and never inside the repository, except a key whose id starts with
 * `test-` (the committed test key). Prints the public key to pin.
 */
export async function runKeygen({ keyId, out = DEFAULT_PRIVATE_KEY_FILE, log = console.log }: { keyId: string; out?: string; log?: (line: string) => void }): Promise<number> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(keyId)) throw new Error('--key-id must be kebab-case, e.g. portal-guard-2027-1');
  const target = resolve(out);
  if (existsSync(target)) throw new Error(`${target} exists; refusing to overwrite a key`);
  if ((target === ROOT || target.startsWith(`${ROOT}/`)) && !keyId.startsWith('test-')) throw new Error('a production private key never goes inside the repository; write it elsewhere (default ~/.config/portal-guard/)');
  const pair = (await crypto.subtle.generateKey({ name: SIGNATURE_ALG }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  writeFileSync(target, `${JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d, kid: keyId }, null, 2)}\n`, { mode: 0o600 });
  const pinned: PinnedKey = { keyId, alg: SIGNATURE_ALG, publicKey: bytesToBase64Url(raw) };
  log(`wrote the private key to ${display(target)} (keep it offline, or as the ${PRIVATE_KEY_ENV} CI secret)`);
  log(`pin the public key in utils/feed/keys.ts:\n  ${JSON.stringify(pinned)}`);
  return 0;
}

