/** The fields a person types into the agenda and meeting forms, in the order they appear. */
const TYPED_FIELDS = ['title', 'presenter', 'plannedMinutes', 'place', 'organisation'] as const;

/**
 * What a refused queued edit carried that a person typed, so the notice can show it back
 * and nothing typed offline is lost with the refusal.
 */
export function typedText(payload: Record<string, unknown> | undefined): string[] {
  if (!payload) return [];
  return TYPED_FIELDS.flatMap((field) => {
    const value = payload[field];
    return typeof value === 'string' || typeof value === 'number' ? [String(value)] : [];
  });
}
