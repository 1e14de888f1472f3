/** PEM blocks (certificates, CMS) and DER: what the CLI reads from files. */

export function pemBlocks(text: string, labels: readonly string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (labels.includes(m[1]!)) out.push(new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64')));
  }
  return out;
}

export function certificatesFromPem(text: string): Uint8Array[] {
  return pemBlocks(text, ['CERTIFICATE', 'TRUSTED CERTIFICATE']);
}

/** A detached CMS file: DER as is, or the first PEM block labelled CMS / PKCS7 / SIGNED DATA. */
export function cmsFromFile(bytes: Buffer): Uint8Array {
  const head = bytes.toString('latin1', 0, 64);
  if (head.includes('-----BEGIN')) {
    const [first] = pemBlocks(bytes.toString('latin1'), ['CMS', 'PKCS7', 'PKCS #7 SIGNED DATA']);
    return first ?? new Uint8Array(0);
  }
  return new Uint8Array(bytes);
}
