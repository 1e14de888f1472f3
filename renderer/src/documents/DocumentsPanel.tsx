import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting, numberAgenda } from '../../../shared/domain/index.js';
import type { DocumentInfo, User } from '../../../shared/protocol/index.js';
import { AssistantBox } from '../assistant/AssistantBox.js';
import { BriefView } from '../brief/BriefView.js';
import { Panel } from '../components/Panel.js';
import { meetingAccess } from '../meeting/permissions.js';
import { FollowToggle } from '../reader/PresenterBar.js';
import { ApprovalExport } from '../signing/ApprovalExport.js';
import { DocumentNotices } from './DocumentNotices.js';
import { DocumentProgressLine } from './DocumentProgressLine.js';
import { DeviceStorageLine } from './DeviceStorageLine.js';
import { DocumentRow } from './DocumentRow.js';
import { MeetingSearch } from './MeetingSearch.js';
import { useSeenVersions } from './seen-versions.js';
import { UploadForm } from './UploadForm.js';
import { UploadList } from './UploadList.js';

interface Props {
  state: MeetingState;
  user: User;
  documents: readonly DocumentInfo[];
  following: boolean;
  othersPresenting: boolean;
  onFollow(follow: boolean): void;
  onOpen(documentId: string, page?: number): void;
}

/** The meeting's papers, grouped by agenda item (the meeting's own first), with what the device holds. */
export function DocumentsPanel({ state, user, documents, following, othersPresenting, onFollow, onOpen }: Props) {
  const { t } = useTranslation();
  const meetingId = state.meeting.id;
  const manage = canInMeeting(user, 'documents:manage', meetingAccess(state)) && !state.meeting.documentsRecalledAt;
  const seen = useSeenVersions();
  const [briefOpen, setBriefOpen] = useState(false);
  const agenda = useMemo(() => numberAgenda(state.agenda), [state.agenda]);

  const groups = useMemo(() => {
    const general = documents.filter((d) => !d.agendaItemId || !agenda.some((i) => i.id === d.agendaItemId));
    return [
      { id: 'meeting', heading: t('documents.general'), docs: general },
      ...agenda.map((item) => ({
        id: item.id,
        heading: `${item.number}. ${item.title}`,
        docs: documents.filter((d) => d.agendaItemId === item.id),
      })),
    ].filter((g) => g.docs.length > 0);
  }, [documents, agenda, t]);

  return (
    <Panel
      title={t('documents.title')}
      headingId="documents-heading"
      testId="documents-panel"
      className="documents"
      aside={(othersPresenting || following) && <FollowToggle following={following} onFollow={onFollow} />}
    >
      <DocumentProgressLine meetingId={meetingId} />
      <DeviceStorageLine meetingId={meetingId} />
      <DocumentNotices meetingId={meetingId} />
      <ApprovalExport state={state} />
      {state.meeting.documentsRecalledAt && (
        <p className="notice" data-testid="documents-recalled">
          {t('documents.recalledNote')}
        </p>
      )}
      {manage && (
        <>
          <UploadForm meetingId={meetingId} agenda={agenda} participants={state.participants} documents={documents} />
          <UploadList meetingId={meetingId} />
        </>
      )}
      {documents.length > 0 && <MeetingSearch meetingId={meetingId} onOpen={onOpen} />}
      {documents.length > 0 && <AssistantBox key={meetingId} meetingId={meetingId} onOpen={onOpen} variant="panel" />}
      {documents.length > 0 && (
        <button
          type="button"
          className="button documents__brief"
          onClick={() => setBriefOpen(true)}
          data-testid="brief-open"
        >
          {t('brief.open')}
        </button>
      )}
      {briefOpen && (
        <BriefView meetingId={meetingId} agenda={state.agenda} onOpen={onOpen} onClose={() => setBriefOpen(false)} />
      )}
      {groups.length === 0 ? (
        <p className="empty" data-testid="documents-empty">
          {t('documents.empty')}
        </p>
      ) : (
        groups.map((group) => (
          <section key={group.id} className="documents__group" data-testid="documents-group" data-item-id={group.id}>
            <h3 className="documents__group-title">{group.heading}</h3>
            <ul className="documents__list">
              {group.docs.map((doc) => (
                <DocumentRow
                  key={doc.id}
                  doc={doc}
                  updated={doc.version > (seen[doc.id] ?? 1)}
                  manage={manage}
                  state={state}
                  agenda={agenda}
                  onOpen={() => onOpen(doc.id)}
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </Panel>
  );
}
