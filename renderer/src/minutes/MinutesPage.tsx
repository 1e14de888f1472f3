import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting } from '../../../shared/domain/index.js';
import type { MinutesContent, User } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { meetingHref } from '../client/use-hash-route.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Notice } from '../components/Notice.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { meetingAccess } from '../meeting/permissions.js';
import { AgendaItemSection } from './AgendaItemSection.js';
import { MinutesSigningSection } from '../minutes-signing/MinutesSigningSection.js';
import { MinutesExports } from './MinutesExports.js';
import { AttendanceSection, ClosingSection, HeaderSection, OpeningSection } from './MinutesSections.js';
import { useMinutes } from './use-minutes.js';
import { Icon } from '../components/Icon.js';

/** The page of a meeting's minutes (`#/meetings/<id>/minutes`): the secretary edits, the chair reads. */
export function MinutesPage({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { user, meetings } = useClientState();
  const state = meetings[meetingId];
  const back = (
    <a className="back-link" href={meetingHref(meetingId)} data-testid="minutes-back">
      <Icon name="arrowLeft" /> {t('minutes.back')}
    </a>
  );
  if (!user || !state) {
    return (
      <div className="page">
        {back}
        <p className="empty" data-testid="minutes-loading">
          {t('meeting.loading')}
        </p>
      </div>
    );
  }
  const ctx = meetingAccess(state);
  if (!canInMeeting(user, 'minutes:read', ctx)) {
    return (
      <div className="page">
        {back}
        <p className="empty" data-testid="minutes-forbidden">
          {t('minutes.forbidden')}
        </p>
      </div>
    );
  }
  return (
    <MinutesEditor
      meetingId={meetingId}
      user={user}
      state={state}
      readOnly={!canInMeeting(user, 'minutes:edit', ctx)}
      back={back}
    />
  );
}

/** Asks before the page is left with unsaved edits: closing the window, or a link inside the app. */
function useLeaveGuard(dirty: boolean, question: string) {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    // Routes live in the hash, and a hash change cannot be cancelled: catch the link's click instead.
    const click = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
      if (link && !window.confirm(question)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, question]);
}

interface EditorProps {
  meetingId: string;
  user: User;
  state: MeetingState;
  readOnly: boolean;
  back: React.ReactNode;
}

function MinutesEditor({ meetingId, user, state, readOnly, back }: EditorProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { minutesChanged, connection } = useClientState();
  const m = useMinutes(meetingId, connection === 'online');
  useLeaveGuard(m.dirty && !readOnly, t('minutes.leaveQuestion'));

  const nameOf = (userId: string) =>
    userId === user.id
      ? t('minutes.you')
      : (state.participants.find((p) => p.userId === userId)?.displayName ?? t('minutes.someone'));
  const editor = m.editor;
  const changed = minutesChanged?.[meetingId];
  // Not while this page saves: its own save's event may come before the answer that moves `baseVersion`.
  // The same person on another device is told too ("you saved a newer version").
  const newer = editor && changed && changed.version > editor.baseVersion && !m.saving && !m.stale ? changed : null;
  const set =
    <K extends keyof MinutesContent>(key: K) =>
    (value: MinutesContent[K]) =>
      m.edit((c) => ({ ...c, [key]: value }));
  const confirmDrop = () => !m.dirty || window.confirm(t('minutes.dropQuestion'));

  return (
    <div className="page minutes" data-testid="minutes-page" data-read-only={readOnly} data-dirty={m.dirty}>
      <div className="page__nav">{back}</div>
      <header className="minutes__head">
        <h1 className="minutes__title">{t('minutes.title')}</h1>
        <p className="minutes__meeting">{state.meeting.title}</p>
      </header>
      <ErrorMessage error={m.loadError} testId="minutes-load-error" />
      {m.loadError && (
        <button type="button" className="button" onClick={() => void m.reload()} data-testid="minutes-retry">
          {t('minutes.retry')}
        </button>
      )}
      {!editor && !m.loadError && (
        <p className="empty" data-testid="minutes-loading">
          {t('minutes.loading')}
        </p>
      )}
      {editor && (
        <>
          <div className="minutes-bar card" data-testid="minutes-bar">
            <div className="minutes-bar__status" role="status" data-testid="minutes-status">
              {editor.meta ? (
                <span data-testid="minutes-saved-at" data-version={editor.meta.version}>
                  {t('minutes.savedAt', {
                    time: formatWhen(editor.meta.updatedAt, lang),
                    version: editor.meta.version,
                    name: nameOf(editor.meta.updatedBy),
                  })}
                </span>
              ) : (
                <span data-testid="minutes-prefill-notice">{t('minutes.prefillNotice')}</span>
              )}
              {!readOnly && m.dirty && (
                <span className="minutes-bar__dirty" data-testid="minutes-unsaved">
                  {t('minutes.unsaved')}
                </span>
              )}
              {!readOnly && !m.dirty && m.savedNow && (
                <span className="minutes-bar__saved" data-testid="minutes-saved-now">
                  {t('minutes.savedNow')}
                </span>
              )}
              {readOnly && <span data-testid="minutes-read-only">{t('minutes.readOnly')}</span>}
            </div>
            {!readOnly && (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--primary"
                  disabled={m.saving}
                  onClick={() => void m.save()}
                  data-testid="minutes-save"
                >
                  {m.saving ? t('minutes.saving') : t('minutes.save')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={m.refreshing}
                  onClick={() => void m.refresh()}
                  data-testid="minutes-refresh"
                  title={t('minutes.refreshHint')}
                >
                  {m.refreshing ? t('minutes.refreshing') : t('minutes.refresh')}
                </button>
              </div>
            )}
          </div>
          {!(m.stale && m.saveError?.code === 'STALE_EDIT') && (
            <ErrorMessage error={m.saveError} testId="minutes-save-error" />
          )}
          {m.stale && (
            <div className="minutes-notice" role="alert" data-testid="minutes-stale">
              <p className="minutes-notice__text">
                {t('minutes.stale', {
                  name: nameOf(m.stale.theirs.updatedBy),
                  time: formatWhen(m.stale.theirs.updatedAt, lang),
                  version: m.stale.theirs.version,
                })}
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button"
                  onClick={() => m.takeTheirs(m.stale!.theirs)}
                  data-testid="minutes-stale-theirs"
                >
                  {t('minutes.loadTheirs')}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => m.keepMine(m.stale!.theirs)}
                  data-testid="minutes-stale-mine"
                >
                  {t('minutes.keepMine')}
                </button>
              </div>
            </div>
          )}
          {newer && (
            <Notice
              block="minutes-notice"
              testId="minutes-changed"
              role="status"
              action={{
                label: t('minutes.loadTheirs'),
                testId: 'minutes-changed-load',
                onClick: () => {
                  if (confirmDrop()) void m.loadLatest();
                },
              }}
            >
              {t('minutes.changed', {
                name: nameOf(newer.updatedBy),
                time: formatWhen(newer.updatedAt, lang),
                version: newer.version,
              })}
            </Notice>
          )}
          <MinutesExports meetingId={meetingId} dirty={m.dirty && !readOnly} />
          <MinutesSigningSection meetingId={meetingId} draftVersion={editor.meta?.version ?? null} />
          <HeaderSection value={editor.content.header} onChange={set('header')} readOnly={readOnly} />
          <OpeningSection value={editor.content.opening} onChange={set('opening')} readOnly={readOnly} />
          <AttendanceSection value={editor.content.attendance} onChange={set('attendance')} readOnly={readOnly} />
          <section className="minutes-agenda" aria-labelledby="minutes-agenda" data-testid="minutes-agenda">
            <h2 id="minutes-agenda" className="minutes-agenda__title">
              {t('minutes.agenda.title')}
            </h2>
            {editor.content.agenda.length === 0 && <p className="empty">{t('minutes.agenda.none')}</p>}
            {editor.content.agenda.map((item, index) => (
              <AgendaItemSection
                key={`${index}-${item.number}`}
                item={item}
                index={index}
                readOnly={readOnly}
                onChange={(next) =>
                  m.edit((c) => ({ ...c, agenda: c.agenda.map((it, i) => (i === index ? next : it)) }))
                }
              />
            ))}
          </section>
          <ClosingSection value={editor.content.closing} onChange={set('closing')} readOnly={readOnly} />
          {!readOnly && (
            // The end of a long page: save without scrolling back to the top.
            <div className="minutes-end">
              <button
                type="button"
                className="button button--primary"
                disabled={m.saving}
                onClick={() => void m.save()}
                data-testid="minutes-save-end"
              >
                {m.saving ? t('minutes.saving') : t('minutes.save')}
              </button>
              {m.dirty && <span className="minutes-bar__dirty">{t('minutes.unsaved')}</span>}
            </div>
          )}
          {!readOnly && !(m.stale && m.saveError?.code === 'STALE_EDIT') && (
            <ErrorMessage error={m.saveError} testId="minutes-save-error-end" />
          )}
        </>
      )}
    </div>
  );
}
