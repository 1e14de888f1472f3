import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

/**
 * The names and addresses the server's TLS certificate carries: `localhost`, the loopback
 * addresses, the machine's name and every address of its network interfaces (what tablets in
 * the room may type or scan), unless the operator names them (`--tls-names`).
 */
export function defaultServerNames(): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  const host = hostname();
  if (isDnsName(host)) names.push(host.toLowerCase());
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (!entry.internal) names.push(entry.address);
  }
  return [...new Set(names)];
}

/** `a.example, 10.0.0.2, fd00::2`: each a DNS name or an IP address. */
export function parseServerNames(text: string): string[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const name of names) {
    if (isIP(name) === 0 && !isDnsName(name))
      throw new Error(`Not a DNS name or an IP address: ${JSON.stringify(name)}`);
  }
  return [...new Set(names)];
}

function isDnsName(name: string): boolean {
  return (
    name.length <= 253 &&
    name.split('.').every((label) => /^(?:\*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)$/.test(label))
  );
}

/** TLS is on by default whenever the server listens beyond loopback. */
export function tlsByDefault(host: string): boolean {
  return !isLoopbackAddress(host);
}

/** `localhost`, 127.0.0.0/8, `::1` (also as `::ffff:127.x.y.z`, a peer's address on a dual-stack socket). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === 'localhost') return true;
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}
