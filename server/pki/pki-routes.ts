import type { FastifyInstance } from 'fastify';
import { caMobileconfig } from './ca-profile.js';
import type { MeetingCa } from './meeting-ca.js';

/** Public: the meeting CA's certificate (what a device pins after checking its fingerprint). */
export const CA_CERTIFICATE_PATH = '/api/pki/ca';
/** Public: the same CA as an iOS/iPadOS configuration profile, for a tablet to trust the room's server. */
export const CA_PROFILE_PATH = '/api/pki/ca.mobileconfig';
/** Public: the same CA as DER, what Android's "Install a certificate → CA certificate" and Windows take. */
export const CA_DER_PATH = '/api/pki/ca.crt';

export function registerPkiRoutes(app: FastifyInstance, deps: { ca: MeetingCa }): void {
  app.get(CA_CERTIFICATE_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'application/x-pem-file')
      .header('content-disposition', 'inline; filename="meeting-ca.pem"')
      .header('cache-control', 'no-cache')
      .send(deps.ca.certificatePem),
  );
  // Files a tablet saves and installs. The CA never changes while the server runs: each is made once.
  const downloads = [
    {
      path: CA_PROFILE_PATH,
      // Safari offers to install a profile only when it comes with this type.
      type: 'application/x-apple-aspen-config',
      filename: 'cabinet-meeting-ca.mobileconfig',
      body: caMobileconfig(deps.ca),
    },
    {
      path: CA_DER_PATH,
      type: 'application/x-x509-ca-cert',
      filename: 'cabinet-meeting-ca.crt',
      body: Buffer.from(deps.ca.certificateDer),
    },
  ];
  for (const { path, type, filename, body } of downloads)
    app.get(path, async (_request, reply) =>
      reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-cache')
        // For a script or a support person to compare without opening the file.
        .header('x-ca-fingerprint', deps.ca.fingerprint)
        .send(body),
    );
}
