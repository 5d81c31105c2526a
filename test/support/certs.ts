// Test PKI: a CA and server certificates signed by it, as cert-manager or a
// Helm chart would issue them for the webhook Service. ECDSA P-256 keeps
// generation fast.
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface Issued {
  certPem: string;
  keyPem: string;
  /** SHA-256 fingerprint of the DER certificate, hex. */
  fingerprint: string;
}

export interface TestCa extends Issued {
  issue(
    dnsNames: string[],
    options?: { commonName?: string; clientAuth?: boolean },
  ): Promise<Issued>;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

async function fingerprint(cert: x509.X509Certificate): Promise<string> {
  return Buffer.from(await cert.getThumbprint('SHA-256')).toString('hex');
}

let serial = 1;
function nextSerial(): string {
  serial += 1;
  return serial.toString(16).padStart(4, '0');
}

export async function createTestCa(name = 'maestro-test-ca'): Promise<TestCa> {
  const caKeys = (await webcrypto.subtle.generateKey(alg, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: `CN=${name}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 3600_000),
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
  });
  return {
    certPem: caCert.toString('pem'),
    keyPem: await keyPem(caKeys.privateKey),
    fingerprint: await fingerprint(caCert),
    async issue(dnsNames, options = {}) {
      const keys = (await webcrypto.subtle.generateKey(alg, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: nextSerial(),
        subject: `CN=${options.commonName ?? dnsNames[0] ?? 'maestro'}`,
        issuer: caCert.subject,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 24 * 3600_000),
        signingKey: caKeys.privateKey,
        publicKey: keys.publicKey,
        signingAlgorithm: alg,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([
            options.clientAuth === true
              ? x509.ExtendedKeyUsage.clientAuth
              : x509.ExtendedKeyUsage.serverAuth,
          ]),
          new x509.SubjectAlternativeNameExtension(
            dnsNames.map((value) => ({ type: 'dns', value })),
          ),
        ],
      });
      return {
        certPem: cert.toString('pem'),
        keyPem: await keyPem(keys.privateKey),
        fingerprint: await fingerprint(cert),
      };
    },
  };
}
