import type { ProtocolError } from '../../../shared/protocol/index.js';
import { useLanguage } from '../i18n/use-language.js';

/** A server error as the person reads it: the catalogue's message in the UI language. */
export function ErrorMessage({ error, testId }: { error: ProtocolError | null; testId: string }) {
  const lang = useLanguage();
  if (!error) return null;
  return (
    <p className="error-message" role="alert" data-testid={testId} data-code={error.code}>
      {error.message[lang]}
      {error.issues && error.issues.length > 0 && (
        <span className="error-message__issues"> ({error.issues.map((i) => i.path).join(', ')})</span>
      )}
    </p>
  );
}
