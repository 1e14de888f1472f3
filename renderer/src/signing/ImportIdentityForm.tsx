import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { TextField } from '../components/TextField.js';
import { PinFields } from './PinFields.js';
import { isPin } from './signing-format.js';
import { useAck } from './use-ack.js';

/** An outside certificate (PKCS#12 from a national CA) becomes this person's identity on this device. */
export function ImportIdentityForm({ onImported }: { onImported(info: CertificateInfo): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useAck();
  const ready = file !== null && isPin(pin) && pin === again;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || !ready) return;
    const info = await run(async () =>
      client.importOutsideIdentity({ p12: new Uint8Array(await file.arrayBuffer()), password, pin }),
    );
    if (info) onImported(info);
  }

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} data-testid="import-form" aria-busy={busy}>
      <p className="field__hint">{t('signing.import.intro')}</p>
      <Field label={t('signing.import.file')}>
        <input
          type="file"
          className="input"
          accept=".p12,.pfx,application/x-pkcs12"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="import-file"
        />
      </Field>
      <TextField
        label={t('signing.import.password')}
        type="password"
        autoComplete="off"
        value={password}
        onChange={setPassword}
        testId="import-password"
      />
      <PinFields pin={pin} again={again} onPin={setPin} onAgain={setAgain} testId="import-pin" />
      <ErrorMessage error={error} testId="import-error" />
      {busy && (
        <p className="signing-progress" role="status">
          {t('signing.import.working')}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !ready} data-testid="import-submit">
        {busy ? t('signing.import.working') : t('signing.import.submit')}
      </button>
    </form>
  );
}
