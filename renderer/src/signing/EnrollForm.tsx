import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';
import { checkText, useProblemText } from '../forms/field-rules.js';
import { PinFields } from './PinFields.js';
import { useAck } from './use-ack.js';
import { deviceKind, formatFingerprint, isPin } from './signing-format.js';

const CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

interface Props {
  displayName: string;
  /** From the QR's link. */
  initialCode: string;
  caFingerprint: string;
  onEnrolled(info: CertificateInfo): void;
}

/** Enrols this device: the code, a name for it, a PIN; the key is made here and never leaves. */
export function EnrollForm({ displayName, initialCode, caFingerprint, onEnrolled }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [code, setCode] = useState(initialCode);
  const [deviceName, setDeviceName] = useState(() =>
    t(`signing.enroll.deviceDefault.${deviceKind(navigator.userAgent)}`, { name: displayName }),
  );
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useAck();
  const normalCode = code.trim().toUpperCase();
  const problemText = useProblemText();
  const deviceProblem = checkText(deviceName, { required: true, max: 100 });
  const ready = CODE.test(normalCode) && !deviceProblem && isPin(pin) && pin === again;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const info = await run(() =>
      client.enrollDevice({
        code: normalCode,
        caFingerprint: caFingerprint || undefined,
        deviceName: deviceName.trim(),
        pin,
      }),
    );
    if (info) onEnrolled(info);
  }

  return (
    <form
      className="form enroll-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="enroll-form"
      aria-busy={busy}
    >
      <p className="panel__intro">{t('signing.enroll.intro')}</p>
      <TextField
        label={t('signing.enroll.code')}
        hint={t('signing.enroll.codeHint')}
        value={code}
        onChange={setCode}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
        required
        className="code-field"
        testId="enroll-code"
      />
      {caFingerprint && (
        <p className="field__hint" data-testid="enroll-ca">
          {t('signing.enroll.caFromQr')}{' '}
          <span className="fingerprint" translate="no">
            {formatFingerprint(caFingerprint)}
          </span>
        </p>
      )}
      <TextField
        label={t('signing.enroll.deviceName')}
        value={deviceName}
        onChange={setDeviceName}
        required
        error={problemText(deviceProblem)}
        maxLength={100}
        testId="enroll-device-name"
      />
      <PinFields pin={pin} again={again} onPin={setPin} onAgain={setAgain} testId="enroll-pin" />
      <ErrorMessage error={error} testId="enroll-error" />
      {busy && (
        <p className="signing-progress" role="status" data-testid="enroll-progress">
          {t('signing.enroll.working')}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary button--wide"
        disabled={busy || !ready}
        data-testid="enroll-submit"
      >
        {busy ? t('signing.enroll.working') : t('signing.enroll.submit')}
      </button>
    </form>
  );
}
