import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_IMPORT_SOCKET_BASE64,
  type ImportFormat,
  type PersonImportResult,
} from '../../../../shared/protocol/index.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Panel } from '../../components/Panel.js';
import { useLanguage } from '../../i18n/use-language.js';
import { useAdminRequest } from '../use-admin-request.js';
import { PasswordsShown } from './PasswordsShown.js';

interface Props {
  onImported(): void;
  onClose(): void;
}

/** The file as base64, in chunks (a spread of 45 KB of bytes would overflow the call stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Import from a file: choose it, see every row as it would be created (a dry run on the
 * server, with each refused row's reason), then create them all, and hand out the passwords.
 */
export function ImportPanel({ onImported, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { run, busy, error } = useAdminRequest();
  const [file, setFile] = useState<{ name: string; format: ImportFormat; data: string } | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [preview, setPreview] = useState<PersonImportResult | null>(null);
  const [result, setResult] = useState<PersonImportResult | null>(null);

  async function choose(chosen: File | undefined) {
    setPreview(null);
    setResult(null);
    setTooBig(false);
    setFile(null);
    if (!chosen) return;
    const format: ImportFormat = chosen.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    const data = toBase64(new Uint8Array(await chosen.arrayBuffer()));
    if (data.length > MAX_IMPORT_SOCKET_BASE64) {
      setTooBig(true);
      return;
    }
    setFile({ name: chosen.name, format, data });
    setPreview(await run('people:import', { format, data, dryRun: true }));
  }

  async function confirm() {
    if (!file) return;
    const done = await run('people:import', { format: file.format, data: file.data, dryRun: false });
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
          <label className="field">
            <span className="field__label">{t('people.importFile')}</span>
            <input
              type="file"
              className="input"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => void choose(e.target.files?.[0])}
              data-testid="people-import-file"
            />
          </label>
          {tooBig && (
            <p className="error-message" role="alert">
              {t('people.importTooBig')}
            </p>
          )}
          {busy && <p role="status">{t('people.importChecking')}</p>}
          <ErrorMessage error={error} testId="people-import-error" />
          {preview && (
            <div className="people-import__preview" data-testid="people-import-preview">
              <p role="status" data-testid="people-import-summary">
                {preview.errors.length > 0
                  ? t('people.importRefused', { count: preview.errors.length })
                  : t('people.importReady', { count: preview.rows.length })}
              </p>
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
          )}
        </>
      )}
      <button type="button" className="button" onClick={onClose} data-testid="people-import-close">
        {t('common.close')}
      </button>
    </Panel>
  );
}
