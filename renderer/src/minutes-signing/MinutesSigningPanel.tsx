import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesSigning } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useAck } from '../signing/use-ack.js';
import { MinutesSignDialog } from './MinutesSignDialog.js';

interface Props {
  meetingId: string;
  /** The latest round of signing, as `minutes:get` answers it (`signing`); null before the first. */
  state: MinutesSigning | null;
  /** The draft's saved version, for the secretary's "finalize for signing"; null before the first save. */
  draftVersion?: number | null;
}

/**
 * Where the signing of the minutes stands, and the one step this user may take: the secretary
 * freezes the saved draft for signing, the chair signs, then a secretary signs. Nothing else
 * is offered; the server refuses out of turn anyway.
 */
export function MinutesSigningPanel({ meetingId, state, draftVersion = null }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const myRole = useClientState().meetings[meetingId]?.myRole ?? null;
  const [signing, setSigning] = useState(false);
  const { busy, error, run } = useAck();
  const turn =
    (state?.state === 'awaiting-chair' && myRole === 'chair') ||
    (state?.state === 'awaiting-secretary' && myRole === 'secretary');
  const mayFinalize = myRole === 'secretary' && draftVersion !== null && state?.state !== 'signed';

  async function finalize() {
    if (draftVersion === null) return;
    await run(() => client.send('minutes:finalize', { meetingId, version: draftVersion }));
  }

  return (
    <section className="minutes-signing" data-testid="minutes-signing-panel" aria-label={t('minutesSigning.title')}>
      <h3>{t('minutesSigning.title')}</h3>
      <p data-testid="minutes-signing-state" data-state={state?.state ?? 'none'}>
        {t(`minutesSigning.state.${state?.state ?? 'none'}`)}
      </p>
      {turn && (
        <button
          type="button"
          className="button button--primary"
          onClick={() => setSigning(true)}
          data-testid="minutes-signing-sign"
        >
          {t('minutesSigning.sign')}
        </button>
      )}
      {mayFinalize && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void finalize()}
          data-testid="minutes-signing-finalize"
        >
          {state && state.state !== 'abandoned' ? t('minutesSigning.finalizeAgain') : t('minutesSigning.finalize')}
        </button>
      )}
      <ErrorMessage error={error} testId="minutes-signing-error" />
      {signing && <MinutesSignDialog meetingId={meetingId} onClose={() => setSigning(false)} />}
    </section>
  );
}
