import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { SkillRequestSignatureVerifier } from 'ask-sdk-express-adapter';
import forge from 'node-forge';

/** The host and path prefix every Alexa signing certificate URL must have. */
export const CERT_CHAIN_URL_PREFIX = 'https://s3.amazonaws.com/echo.api/';

/** The subject alternative name Amazon requires on the signing certificate. */
export const ALEXA_SIGNING_DOMAIN = 'echo-api.amazon.com';

/** An RSA key pair in PEM (PKCS#1 private key, SPKI public key). */
export type KeyPair = { readonly privateKeyPem: string; readonly publicKeyPem: string };

/** A certificate and its key. */
export type TestCertificate = {
  readonly certPem: string;
  /**
   * What a certificate URL serves: this certificate, then the intermediates above it, without the
   * root (which is trusted, never served). Empty for a root.
   */
  readonly chainPem: string;
  readonly key: KeyPair;
};

/** The test public key infrastructure of a signing certificate: root, intermediate, leaf. */
export type TestPki = {
  /** The root certificate authority, to be trusted in place of the real root store. */
  readonly root: TestCertificate;
  readonly intermediate: TestCertificate;
  /** The `echo-api.amazon.com` signing certificate; its chain is the leaf, then the intermediate. */
  readonly signing: TestCertificate;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes a 2048-bit RSA key pair (with Node's crypto: node-forge's own generator is slow). */
export function generateRsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

type CertificateSpec = {
  readonly commonName: string;
  readonly key: KeyPair;
  /** The issuer; the certificate is self-signed when undefined. */
  readonly issuer?: TestCertificate;
  readonly authority: boolean;
  readonly altNames?: ReadonlyArray<string>;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
};

function buildCertificate(spec: CertificateSpec): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.key.publicKeyPem);
  // A positive serial number: a leading hex digit below 8.
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = spec.notBefore ?? new Date(now - DAY_MS);
  cert.validity.notAfter = spec.notAfter ?? new Date(now + DAY_MS);
  const subject = [
    { name: 'commonName', value: spec.commonName },
    { name: 'organizationName', value: 'Voice Shop Test PKI' },
  ];
  cert.setSubject(subject);
  const issuer =
    spec.issuer === undefined ? undefined : forge.pki.certificateFromPem(spec.issuer.certPem);
  cert.setIssuer(issuer === undefined ? subject : issuer.subject.attributes);
  cert.setExtensions(
    spec.authority
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
          {
            name: 'subjectAltName',
            // type 2: a DNS name.
            altNames: (spec.altNames ?? [ALEXA_SIGNING_DOMAIN]).map((value) => ({
              type: 2,
              value,
            })),
          },
        ],
  );
  const signer = spec.issuer?.key ?? spec.key;
  cert.sign(forge.pki.privateKeyFromPem(signer.privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Creates a self-signed root certificate authority. */
export function createTestRootAuthority(commonName = 'Voice Shop Test Root CA'): TestCertificate {
  const key = generateRsaKeyPair();
  const certPem = buildCertificate({ commonName, key, authority: true });
  return { certPem, chainPem: '', key };
}

/** Creates an intermediate certificate authority issued by `issuer`. */
export function createTestIntermediateAuthority(
  issuer: TestCertificate,
  commonName = 'Voice Shop Test Intermediate CA',
): TestCertificate {
  const key = generateRsaKeyPair();
  const certPem = buildCertificate({ commonName, key, issuer, authority: true });
  return { certPem, chainPem: `${certPem}${issuer.chainPem}`, key };
}

/**
 * Issues a signing certificate like Alexa's: a leaf for `echo-api.amazon.com` (override
 * `altNames` or the validity to make a bad one), valid from a day ago to a day from now.
 */
export function issueSigningCertificate(
  issuer: TestCertificate,
  options: {
    readonly altNames?: ReadonlyArray<string>;
    readonly notBefore?: Date;
    readonly notAfter?: Date;
    readonly key?: KeyPair;
  } = {},
): TestCertificate {
  const key = options.key ?? generateRsaKeyPair();
  const certPem = buildCertificate({
    commonName: ALEXA_SIGNING_DOMAIN,
    key,
    issuer,
    authority: false,
    ...(options.altNames !== undefined && { altNames: options.altNames }),
    ...(options.notBefore !== undefined && { notBefore: options.notBefore }),
    ...(options.notAfter !== undefined && { notAfter: options.notAfter }),
  });
  return { certPem, chainPem: `${certPem}${issuer.chainPem}`, key };
}

/** Creates a root, an intermediate and an `echo-api.amazon.com` signing certificate. */
export function createTestPki(): TestPki {
  const root = createTestRootAuthority();
  const intermediate = createTestIntermediateAuthority(root);
  const signing = issueSigningCertificate(intermediate);
  return { root, intermediate, signing };
}

/**
 * Signs a request body as Alexa does: RSA over the SHA-256 hash of the exact bytes, base64.
 * `RSA-SHA1` makes the legacy `Signature` header's value.
 */
export function signBody(
  body: string,
  privateKeyPem: string,
  algorithm: 'RSA-SHA256' | 'RSA-SHA1' = 'RSA-SHA256',
): string {
  return createSign(algorithm).update(body, 'utf8').sign(privateKeyPem, 'base64');
}

/**
 * The headers Alexa sends with a signed request: `Signature-256` (SHA-256, the one checked),
 * the legacy `Signature` (SHA-1) and `SignatureCertChainUrl`.
 */
export function alexaSignatureHeaders(
  body: string,
  privateKeyPem: string,
  certUrl: string,
): Record<string, string> {
  return {
    'Signature-256': signBody(body, privateKeyPem),
    Signature: signBody(body, privateKeyPem, 'RSA-SHA1'),
    SignatureCertChainUrl: certUrl,
  };
}

/**
 * A stand-in for `https.get` that serves certificate chains from memory and records every URL
 * asked for: nothing leaves the machine. Unknown URLs answer 404.
 */
export function serveCertificatesFromMemory(
  chains: ReadonlyMap<string, string>,
  requested: string[],
): (url: unknown, callback?: unknown) => EventEmitter {
  return (url, callback) => {
    const href = url instanceof URL ? url.href : String(url);
    requested.push(href);
    const request = Object.assign(new EventEmitter(), { end: () => undefined });
    process.nextTick(() => {
      const pem = chains.get(href);
      const response = Object.assign(new PassThrough(), {
        statusCode: pem === undefined ? 404 : 200,
      });
      if (typeof callback === 'function') (callback as (response: PassThrough) => void)(response);
      response.end(pem ?? 'not found');
    });
    return request;
  };
}

/**
 * Amazon's signature verifier with certificate chains already in its cache, as if downloaded and
 * checked: it still checks the URL, the `Signature-256` header and the signature over the body,
 * but neither downloads nor checks the chain.
 */
export class PreloadedCertificateVerifier extends SkillRequestSignatureVerifier {
  constructor(chains: ReadonlyMap<string, string>) {
    super();
    for (const [url, pem] of chains) this.certCache.set(url, pem);
  }
}
