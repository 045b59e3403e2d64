import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { DAY_MS } from './model/clock.ts';

export interface KeyPair {
  key: string;
  cert: string;
}

/**
 * Returns the demo portal's self-signed certificate for localhost, generating it on first start
 * (and again when it is within a week of expiring). Kept out of git, in `dir`.
 */
export async function loadOrCreateCertificate(dir: string): Promise<KeyPair> {
  const keyPath = join(dir, 'localhost-key.pem');
  const certPath = join(dir, 'localhost-cert.pem');
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    if (validTo - Date.now() > 7 * DAY_MS) return { key, cert };
  } catch {
    // missing or unreadable: make a new one below
  }
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 825 * DAY_MS),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert };
}
