import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useNow } from '../format/use-now.js';
import { PinField } from '../signing/PinFields.js';
import { PinStatus } from '../signing/PinStatus.js';
import { SigningDialog } from '../signing/SigningDialog.js';
import { isPin } from '../signing/signing-format.js';

interface Props {
  meetingId: string;
  onClose(): void;
}

type Phase = 'asking' | 'signing' | 'done';

/**
 * Signs the minutes with the device's key, unlocked by the PIN (the pattern of ApproveDialog):
 * the core asks the server for the prepared revision, checks its digest itself, signs and sends.
 */
export function MinutesSignDialog({ meetingId, onClose }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const { identity, connection } = useClientState();
  const [pin, setPin] = useState('');
  const [phase, setPhase] = useState<Phase>('asking');
  const [error, setError] = useState<ProtocolError | null>(null);
  const lockedUntil = identity?.pinLockedUntil ?? null;
  const now = useNow(1_000, lockedUntil !== null);
  const locked = lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
  const ready = identity !== null && connection === 'online' && !locked && isPin(pin);

  async function sign(event?: FormEvent) {
    event?.preventDefault();
    if (!ready) return;
    setPhase('signing');
    setError(null);
    const answer = await client.signMinutes({ meetingId, pin });
    setPin('');
    if (answer.ok) setPhase('done');
    else {
      setError(answer.error);
      setPhase('asking');
    }
  }

  const busy = phase === 'signing';
  return (
    <SigningDialog
      title={t('minutesSigning.dialogTitle')}
      testId="minutes-sign-dialog"
      busy={busy}
      onClose={onClose}
      actions={
        phase === 'done' ? (
          <button type="button" className="button button--primary" onClick={onClose} data-testid="minutes-sign-close">
            {t('common.close')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={onClose}
              data-testid="minutes-sign-cancel"
            >
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              form="minutes-sign-form"
              className="button button--primary"
              disabled={busy || !ready}
              data-testid="minutes-sign-submit"
            >
              {busy ? t('minutesSigning.signing') : t('minutesSigning.sign')}
            </button>
          </>
        )
      }
    >
      {phase === 'done' ? (
        <p className="notice notice--ok" role="status" data-testid="minutes-sign-done">
          {t('minutesSigning.done')}
        </p>
      ) : (
        <form id="minutes-sign-form" className="form" noValidate onSubmit={(e) => void sign(e)}>
          <p className="field__hint">{t('minutesSigning.what')}</p>
          <PinField label={t('signing.pin.enter')} value={pin} onChange={setPin} autoFocus testId="minutes-sign-pin" />
          {identity && <PinStatus identity={identity} always={error !== null} />}
          {identity === null && (
            <p className="field__hint" data-testid="minutes-sign-no-identity">
              {t('minutesSigning.noIdentity')}
            </p>
          )}
          {connection !== 'online' && (
            <p className="field__hint" data-testid="minutes-sign-offline">
              {t('minutesSigning.offline')}
            </p>
          )}
          <ErrorMessage error={error} testId="minutes-sign-error" />
        </form>
      )}
    </SigningDialog>
  );
}
