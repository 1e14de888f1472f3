import type { FastifyInstance } from 'fastify';
import type { MeetingCa } from './meeting-ca.js';

/** Public: the meeting CA's certificate (what a device pins after checking its fingerprint). */
export const CA_CERTIFICATE_PATH = '/api/pki/ca';

export function registerPkiRoutes(app: FastifyInstance, deps: { ca: MeetingCa }): void {
  app.get(CA_CERTIFICATE_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'application/x-pem-file')
      .header('content-disposition', 'inline; filename="meeting-ca.pem"')
      .header('cache-control', 'no-cache')
      .send(deps.ca.certificatePem),
  );
}
