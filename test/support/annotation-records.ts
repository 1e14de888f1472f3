import { uuidv7 } from 'uuidv7';
import type { Annotation, AnnotationGeometry, AnnotationKind } from '../../shared/protocol/annotations.js';

/** Annotation records as the server keeps them, for the export tests. */

export const DELEGATE = { id: '0190a3c4-0000-7000-8000-0000000000d1', displayName: 'Nguyễn Văn Đức' };

export function annotationRecord(
  fields: { page: number; kind: AnnotationKind; geometry: AnnotationGeometry | null } & Partial<Annotation>,
): Annotation {
  return {
    id: uuidv7(),
    meetingId: '0190a3c4-0000-7000-8000-0000000000a1',
    documentId: '0190a3c4-0000-7000-8000-0000000000b1',
    version: 1,
    color: '#ffd600',
    opacity: 1,
    text: '',
    quote: '',
    shared: false,
    author: DELEGATE,
    createdAt: '2026-11-30T09:15:00+07:00',
    updatedAt: '2026-11-30T02:16:00.000Z',
    carriedFrom: null,
    rev: 1,
    deleted: false,
    ...fields,
  };
}

/** One of each shape, Vietnamese throughout, on a document of at least three pages. */
export function everyKind(): Annotation[] {
  return [
    annotationRecord({
      page: 1,
      kind: 'highlight',
      geometry: { shape: 'boxes', boxes: [[48, 775, 420, 795]] },
      opacity: 0.4,
      quote: 'Nghị quyết Đại hội đồng cổ đông',
    }),
    annotationRecord({
      page: 2,
      kind: 'note',
      geometry: { shape: 'box', rect: [300, 500, 520, 600], fontSize: 12 },
      color: '#1a237e',
      text: 'Đề nghị làm rõ điều 5 — Biểu quyết thông qua',
    }),
    annotationRecord({
      page: 2,
      kind: 'ink',
      geometry: { shape: 'strokes', strokes: [[100, 400, 150, 450, 200, 410]], thickness: 3 },
      color: '#d50000',
      text: 'Chỗ này cần số liệu năm trước',
    }),
    annotationRecord({
      page: 3,
      kind: 'highlight',
      geometry: { shape: 'strokes', strokes: [[60, 700, 300, 705]], thickness: 12 },
      color: '#00e676',
      opacity: 0.5,
      text: 'Xem lại phương án',
    }),
    annotationRecord({
      page: 3,
      kind: 'highlight',
      geometry: { shape: 'boxes', boxes: [[48, 775, 300, 795]] },
      quote: 'Tờ trình về phương án',
      text: 'Ủng hộ, nhưng hỏi thêm về thời hạn',
    }),
  ];
}
