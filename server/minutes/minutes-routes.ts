import type { FastifyInstance, FastifyReply } from 'fastify';
import { minutesFromRecord } from '../../shared/domain/index.js';
import { IdSchema, type MinutesContent } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode } from '../http/http-errors.js';
import { findMinutesDraft } from './minutes-drafts.js';
import { readMeetingRecord } from './meeting-record.js';
import { minutesAccess } from './minutes-reads.js';
import { findSignedMinutesPdf } from './minutes-signing.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { renderMinutesPdf } from './minutes-pdf.js';

/**
 * Laying out the minutes takes up to a second on this node's main thread: one rendering
 * at a time per person and two in all, so that nobody's ballots wait behind a secretary who
 * keeps pressing "download".
 */
const MAX_RENDERS_AT_ONCE = 2;

const FORMATS = {
  pdf: { type: 'application/pdf', render: renderMinutesPdf },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderMinutesDocx,
  },
} as const;

/** `Biên bản - Kỳ họp thứ 18.pdf`: the title, without what file systems or headers refuse. */
function fileName(title: string, extension: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .slice(0, 120);
  return `Biên bản - ${safe || 'cuộc họp'}.${extension}`;
}

/**
 * The minutes as a file: the latest signed PDF once there is one (minutes-signing.ts), else the secretary's draft, or before the first save the pre-fill from
 * the meeting's record. Only secretaries, the chair and admins; everyone else, and a meeting
 * they may not see, get 404 as for a meeting that does not exist.
 */
export function registerMinutesRoutes(app: FastifyInstance, deps: { store: Store; now: () => Date }): void {
  const { store, now } = deps;
  const busy = new Set<string>();
  for (const [extension, format] of Object.entries(FORMATS)) {
    app.get<{ Params: { meetingId: string } }>(
      `/api/meetings/:meetingId/minutes.${extension}`,
      async (request, reply): Promise<FastifyReply> => {
        const auth = await authenticate(store.db, request, reply, now());
        if (!auth) return reply;
        const meetingId = IdSchema.safeParse(request.params.meetingId);
        if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
        type Found = { content: MinutesContent; title: string; signed: Buffer | null };
        const found = await store.snapshot(async (db): Promise<Found | null> => {
          if ((await minutesAccess(db, meetingId.data, auth.user)) !== 'read') return null;
          const draft = await findMinutesDraft(db, meetingId.data);
          const record = await readMeetingRecord(db, meetingId.data);
          if (!record) return null;
          const signed = extension === 'pdf' ? await findSignedMinutesPdf(db, meetingId.data) : null;
          return { content: draft?.content ?? minutesFromRecord(record), title: record.title, signed };
        });
        if (!found) return sendCode(reply, 'NOT_FOUND');
        if (found.signed)
          // The signed file byte for byte: re-rendering it would break its signatures.
          return reply
            .header('content-type', format.type)
            .header(
              'content-disposition',
              `attachment; filename*=UTF-8''${encodeURIComponent(fileName(`${found.title} (đã ký)`, extension))}`,
            )
            .header('cache-control', 'private, no-store')
            .header('x-cabinet-minutes', 'signed')
            .send(found.signed);
        if (busy.has(auth.user.id) || busy.size >= MAX_RENDERS_AT_ONCE) return sendCode(reply, 'RATE_LIMITED');
        busy.add(auth.user.id);
        try {
          const bytes = await format.render(found.content);
          const name = fileName(found.title, extension);
          return reply
            .header('content-type', format.type)
            .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
            .header('cache-control', 'private, no-store')
            .header('x-cabinet-minutes', 'draft')
            .send(bytes);
        } finally {
          busy.delete(auth.user.id);
        }
      },
    );
  }
}
