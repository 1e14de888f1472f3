import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { PartBoundary } from '../components/PartBoundary.js';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting } from '../../../shared/domain/index.js';
import type { User } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { meetingAccess } from '../meeting/permissions.js';
import type { ReaderTarget } from '../reader/DocumentReader.js';
import { PresenterBar } from '../reader/PresenterBar.js';
import { ApproveButtons } from '../signing/ApproveButtons.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { ActionItemsPanel } from '../action-items/ActionItemsPanel.js';
import { usePresenter } from './use-presenter.js';

interface Open {
  documentId: string;
  /** An earlier version; undefined for the current one. */
  version: number | undefined;
  target: ReaderTarget;
}

const NO_DOCUMENTS: never[] = [];

/** pdf.js is a large part of the bundle: it loads with the first document opened, not with the app. */
const DocumentReader = lazy(() => import('../reader/DocumentReader.js').then((m) => ({ default: m.DocumentReader })));

/**
 * The meeting's papers: the list (and, for secretaries, the upload and editing), the reader,
 * and presenter mode, which ties the presenter's reader to the room and to those who follow.
 */
export function DocumentsSection({ state, user }: { state: MeetingState; user: User }) {
  const { t } = useTranslation();
  const meetingId = state.meeting.id;
  const documents = useClientState().documents[meetingId] ?? NO_DOCUMENTS;
  const [open, setOpen] = useState<Open | null>(null);
  const [following, setFollowing] = useState(false);
  const presentation = state.presentation ?? null;
  const presenter = usePresenter(meetingId, user.id, presentation);
  const ctx = meetingAccess(state);
  const mayPresent = canInMeeting(user, 'presentation:run', ctx);
  const othersPresentation = presentation && presentation.presenterId !== user.id ? presentation : null;

  const openAt = useCallback((documentId: string, page = 1, version?: number) => {
    setOpen((o) => ({ documentId, version, target: { page, request: (o?.target.request ?? 0) + 1 } }));
  }, []);

  // Following: the reader goes where the presenter is, within a change of the meeting's state.
  const followDoc = othersPresentation?.documentId;
  const followPage = othersPresentation?.page;
  useEffect(() => {
    if (following && followDoc && followPage) openAt(followDoc, followPage);
  }, [following, followDoc, followPage, openAt]);

  const doc = open ? documents.find((d) => d.id === open.documentId) : undefined;
  // The document left the list (removed, access withdrawn, recalled): its reader closes.
  useEffect(() => {
    if (open && !doc) setOpen(null);
  }, [open, doc]);

  const { onPage: presenterPage, stop } = presenter;
  const onPage = useCallback((page: number) => open && presenterPage(open.documentId, page), [open, presenterPage]);
  const onManual = useCallback(() => setFollowing(false), []);
  const close = useCallback(() => {
    stop();
    setFollowing(false);
    setOpen(null);
  }, [stop]);

  return (
    <>
      <DocumentsPanel
        state={state}
        user={user}
        documents={documents}
        following={following}
        othersPresenting={othersPresentation !== null}
        onFollow={setFollowing}
        onOpen={(documentId, page) => {
          setFollowing(false);
          openAt(documentId, page);
        }}
      />
      {documents.length > 0 && (
        <ActionItemsPanel
          key={meetingId}
          meetingId={meetingId}
          onOpen={(documentId, page) => {
            setFollowing(false);
            openAt(documentId, page);
          }}
        />
      )}
      {open && doc && (
        <PartBoundary part="reader" key={doc.id}>
          <Suspense
            fallback={
              <p className="reader reader--loading" data-testid="reader-loading">
                {t('reader.loading')}
              </p>
            }
          >
            <DocumentReader
              meetingId={meetingId}
              document={doc}
              version={open.version}
              target={open.target}
              onVersion={(version) => {
                presenter.stop();
                setFollowing(false);
                setOpen({ ...open, version });
              }}
              onPage={onPage}
              onManual={onManual}
              onClose={close}
              onOpenAt={(documentId, page) => {
                setFollowing(false);
                openAt(documentId, page);
              }}
              presenter={
                <>
                  <PresenterBar
                    canPresent={mayPresent && doc.visibleTo === null && open.version === undefined}
                    presenting={presenter.presenting}
                    othersPresenting={othersPresentation !== null}
                    following={following}
                    onPresent={presenter.start}
                    onStop={presenter.stop}
                    onFollow={setFollowing}
                  />
                  {/* Approvals are of the current version only. */}
                  {open.version === undefined && <ApproveButtons doc={doc} state={state} part="buttons" />}
                </>
              }
              note={open.version === undefined && <ApproveButtons doc={doc} state={state} part="hint" />}
            />
          </Suspense>
        </PartBoundary>
      )}
    </>
  );
}
