import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, type PersonImportResult, type ProtocolError } from '../../../../shared/protocol/index.js';
import { useClient } from '../../client/ClientContext.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Icon } from '../../components/Icon.js';
import { Panel } from '../../components/Panel.js';
import { useLanguage } from '../../i18n/use-language.js';
import { importTemplateCsv, importTemplateName } from './import-template.js';
import { downloadText } from './one-time-passwords.js';
import { PasswordsShown } from './PasswordsShown.js';

interface Props {
  onImported(): void;
  onClose(): void;
}

/**
 * Import from a file: choose it, see every row as it would be created (a dry run on the
 * server, with each refused row's reason), then create them all, and hand out the passwords.
 * The file goes over HTTP (POST /api/users/import), not the socket: 2000 people fit.
 */
export function ImportPanel({ onImported, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [pickedName, setPickedName] = useState<string | null>(null);
  const [preview, setPreview] = useState<PersonImportResult | null>(null);
  const [result, setResult] = useState<PersonImportResult | null>(null);

  async function send(chosen: { name: string; bytes: Uint8Array }, dryRun: boolean) {
    setError(null);
    setBusy(true);
    try {
      const answer = await client.importPeople({
        file: { name: chosen.name, size: chosen.bytes.byteLength, body: chosen.bytes },
        dryRun,
      });
      if (answer.ok) return answer.data;
      setError(answer.error);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function choose(picked: File | undefined) {
    setPreview(null);
    setResult(null);
    setTooBig(false);
    setFile(null);
    setError(null);
    setPickedName(picked?.name ?? null);
    if (!picked) return;
    if (picked.size > MAX_IMPORT_BYTES) {
      setTooBig(true);
      return;
    }
    const chosen = { name: picked.name, bytes: new Uint8Array(await picked.arrayBuffer()) };
    setFile(chosen);
    setPreview(await send(chosen, true));
  }

  async function confirm() {
    if (!file) return;
    const done = await send(file, false);
    if (!done) return;
    if (done.errors.length > 0) setPreview(done);
    else {
      setResult(done);
      setPreview(null);
      onImported();
    }
  }

  const errorsOf = (row: number) => (preview?.errors ?? []).filter((e) => e.row === row);
  const fileErrors = (preview?.errors ?? []).filter((e) => !preview?.rows.some((r) => r.row === e.row));
  return (
    <Panel title={t('people.importTitle')} headingId="people-import-heading" testId="people-import">
      {result ? (
        <>
          <p className="people-import__done" role="status" data-testid="people-import-done">
            {t('people.imported', { count: result.created })}
          </p>
          <PasswordsShown accounts={result.accounts} testId="import-passwords" />
        </>
      ) : (
        <>
          <p className="people-import__help">{t('people.importHelp')}</p>
          <p className="people-import__template">
            <button
              type="button"
              className="button button--quiet"
              data-testid="people-import-template"
              onClick={() => downloadText(importTemplateName(lang), importTemplateCsv(lang))}
            >
              <Icon name="download" /> {t('people.importTemplate')}
            </button>
          </p>
          {/*
           * Our own button, in the UI language: the browser's file input says "Choose File" /
           * "No file chosen" in the browser's. The real input stays (visually hidden, focusable).
           */}
          <div className="field">
            <span className="field__label">{t('people.importFile')}</span>
            <div className="file-pick">
              <label className="button file-pick__button">
                <Icon name="folder" /> {t('people.importPick')}
                <input
                  type="file"
                  className="visually-hidden"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => {
                    const picked = e.target.files?.[0];
                    // The same file, corrected and picked again, still fires a change.
                    e.target.value = '';
                    void choose(picked);
                  }}
                  data-testid="people-import-file"
                />
              </label>
              <span className="file-pick__name" data-testid="people-import-file-name">
                {pickedName ?? t('people.importNoFile')}
              </span>
            </div>
          </div>
          {tooBig && (
            <p className="error-message" role="alert">
              {t('people.importTooBig')}
            </p>
          )}
          {busy && <p role="status">{t('people.importChecking')}</p>}
          <ErrorMessage error={error} testId="people-import-error" />
          {preview && (
            <div className="people-import__preview" data-testid="people-import-preview">
              {/* What to do first, and pinned while scrolling: 2000 rows are some 5000 px on a phone. */}
              <div className="sticky-bar">
                <p className="sticky-bar__text" role="status" data-testid="people-import-summary">
                  {preview.errors.length > 0
                    ? t('people.importRefused', { count: preview.errors.length })
                    : t('people.importReady', { count: preview.rows.length })}
                </p>
                {preview.errors.length === 0 && preview.rows.length > 0 && (
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={busy}
                    onClick={() => void confirm()}
                    data-testid="people-import-confirm"
                  >
                    {t('people.importConfirm', { count: preview.rows.length })}
                  </button>
                )}
              </div>
              {fileErrors.map((e) => (
                <p key={`${e.row}-${e.code}`} className="error-message" data-testid="people-import-row-error">
                  {e.message[lang]}
                </p>
              ))}
              <ol className="people-import__rows">
                {preview.rows.map((r) => (
                  <li
                    key={r.row}
                    className={
                      errorsOf(r.row).length ? 'people-import__row people-import__row--bad' : 'people-import__row'
                    }
                    data-testid="people-import-row"
                  >
                    <span className="people-import__line">{t('people.row', { row: r.row })}</span>
                    <strong>{r.displayName || '—'}</strong>{' '}
                    <span className="people-list__username">({r.username})</span>
                    <span className="people-list__meta">
                      {[r.title, r.unit, r.seat && t('people.seatShort', { seat: r.seat })].filter(Boolean).join(' · ')}
                    </span>
                    {errorsOf(r.row).map((e) => (
                      <span key={e.code} className="error-message" data-testid="people-import-row-error">
                        {e.message[lang]}
                      </span>
                    ))}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </>
      )}
      <button type="button" className="button" onClick={onClose} data-testid="people-import-close">
        {t('common.close')}
      </button>
    </Panel>
  );
}
