/** Why an export was refused: the route turns each into its own answer. */
export type AnnotationExportFailure =
  /** More annotations than one export writes (MAX_EXPORTED_ANNOTATIONS). */
  | 'too-many'
  /** The PDF is encrypted with a user password: we cannot open it. */
  | 'encrypted'
  /** pdf-lib cannot read the PDF at all. */
  | 'unreadable'
  /** A record that does not fit the document (a page it does not have, no geometry). */
  | 'bad-annotation';

export class AnnotationExportError extends Error {
  override name = 'AnnotationExportError';

  constructor(
    readonly reason: AnnotationExportFailure,
    message: string,
  ) {
    super(message);
  }
}
