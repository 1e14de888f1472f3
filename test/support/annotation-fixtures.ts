import { uuidv7 } from 'uuidv7';
import type { AnnotationInput, AnnotationKind } from '../../shared/protocol/index.js';

/** Vietnamese with every kind of mark, and `đ`: what must come back unchanged everywhere. */
export const VIETNAMESE_NOTE = 'Đề nghị làm rõ điều 5 — Biểu quyết thông qua Nghị quyết';

/** An annotation of each kind as the reader makes it, on page 1 of a document version. */
export function annotationInput(
  documentId: string,
  kind: AnnotationKind | 'free-highlight' = 'note',
  fields: Partial<AnnotationInput> = {},
): AnnotationInput {
  const base = {
    id: uuidv7(),
    documentId,
    version: 1,
    page: 1,
    color: '#ffd400',
    opacity: 1,
    text: '',
    quote: '',
    createdAt: new Date().toISOString(),
    carriedFrom: null,
  };
  const shapes: Record<
    AnnotationKind | 'free-highlight',
    Pick<AnnotationInput, 'kind' | 'geometry'> & Partial<AnnotationInput>
  > = {
    note: { kind: 'note', geometry: { shape: 'box', rect: [72, 600, 300, 660], fontSize: 12 }, text: VIETNAMESE_NOTE },
    highlight: {
      kind: 'highlight',
      geometry: {
        shape: 'boxes',
        boxes: [
          [72, 700, 400, 714],
          [72, 684, 250, 698],
        ],
      },
      opacity: 0.4,
      quote: 'Ngân sách năm 2027',
    },
    'free-highlight': {
      kind: 'highlight',
      geometry: { shape: 'strokes', strokes: [[80, 500, 200, 505, 320, 500]], thickness: 12 },
      opacity: 0.4,
    },
    ink: {
      kind: 'ink',
      geometry: {
        shape: 'strokes',
        strokes: [
          [100, 400, 150, 450, 200, 400],
          [100, 380, 200, 380],
        ],
        thickness: 2,
      },
      color: '#d00000',
    },
  };
  return { ...base, ...shapes[kind], ...fields } as AnnotationInput;
}
