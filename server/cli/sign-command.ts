import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadPkcs12, signPdf } from '../signatures/index.js';
import { UsageError } from './usage-error.js';

/** `cabinet sign`: one more signature on a PDF with the identity of a PKCS#12 file. */

export interface SignArgs {
  input: string;
  output: string;
  p12: string;
  password?: string;
  reason?: string;
  name?: string;
  location?: string;
}

export async function signCommand(args: SignArgs, print: (line: string) => void): Promise<number> {
  for (const file of [args.input, args.p12]) if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const { signer, summary } = await loadPkcs12(readFileSync(args.p12), args.password);
  const options: { reason?: string; name?: string; location?: string } = { name: args.name ?? summary.commonName };
  if (args.reason !== undefined) options.reason = args.reason;
  if (args.location !== undefined) options.location = args.location;
  const signed = await signPdf(readFileSync(args.input), signer, options);
  writeFileSync(args.output, signed);
  const who = [summary.userId && `user ${summary.userId}`, summary.deviceId && `device ${summary.deviceId}`].filter(
    Boolean,
  );
  print(
    `Signed ${args.input} -> ${args.output} as ${summary.commonName}${who.length ? ` (${who.join(', ')})` : ''}, serial ${summary.serialHex}`,
  );
  return 0;
}
