import { useCallback, useEffect, useRef, useState } from 'react';
import {
  MinutesContentSchema,
  protocolError,
  validationError,
  type MinutesContent,
  type MinutesDraft,
  type ProtocolError,
} from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { useCommand } from '../client/use-command.js';
import { isDirty, keepTheirTasks, refreshFacts } from './minutes-merge.js';

/** Who saved which version, when: what the page says of the draft it is editing. */
export type DraftMeta = Omit<MinutesDraft, 'content'>;

export interface MinutesEditorState {
  /** What the fields show. */
  content: MinutesContent;
  /** What was last loaded or saved: the draft is dirty when `content` differs from it. */
  saved: MinutesContent;
  /** The version the next save is made on (0: nothing saved yet). */
  baseVersion: number;
  /** The saved draft's version, time and author; null while the page shows the pre-fill. */
  meta: DraftMeta | null;
  /** Started from the pre-fill (no draft saved yet). */
  fromPrefill: boolean;
}

/** A save refused as stale: the draft someone else saved in between. */
export interface StaleDraft {
  theirs: MinutesDraft;
}

const metaOf = (draft: MinutesDraft): DraftMeta => ({
  version: draft.version,
  updatedAt: draft.updatedAt,
  updatedBy: draft.updatedBy,
});

/** The minutes of one meeting as its editor works on them: load, edit, save, refresh, stale saves. */
export function useMinutes(meetingId: string, online: boolean) {
  const client = useClient();
  const command = useCommand();
  const [editor, setEditor] = useState<MinutesEditorState | null>(null);
  const [loadError, setLoadError] = useState<ProtocolError | null>(null);
  const [saveError, setSaveError] = useState<ProtocolError | null>(null);
  const [stale, setStale] = useState<StaleDraft | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [savedNow, setSavedNow] = useState(false);
  const editorRef = useRef(editor);
  editorRef.current = editor;

  const fetchMinutes = useCallback(() => client.request('minutes:get', { meetingId }), [client, meetingId]);

  const load = useCallback(async () => {
    setLoadError(null);
    const ack = await fetchMinutes();
    if (!ack.ok) return setLoadError(ack.error);
    const { draft, prefill } = ack.data;
    const content = draft?.content ?? prefill;
    setStale(null);
    setSaveError(null);
    setSavedNow(false);
    setEditor({
      content,
      saved: content,
      baseVersion: draft?.version ?? 0,
      meta: draft ? metaOf(draft) : null,
      fromPrefill: draft === null,
    });
  }, [fetchMinutes]);

  // Asked once the link is up (a page opened at start-up, or reloaded, is still connecting), and
  // again when it comes back after an attempt made offline.
  const waiting = editor === null && (loadError === null || loadError.code === 'OFFLINE');
  useEffect(() => {
    if (online && waiting) void load();
  }, [online, waiting, load]);

  const edit = useCallback((change: (content: MinutesContent) => MinutesContent) => {
    setSavedNow(false);
    setEditor((e) => (e ? { ...e, content: change(e.content) } : e));
  }, []);

  const save = useCallback(async () => {
    const current = editorRef.current;
    if (!current) return;
    setSaveError(null);
    // Checked here first: a draft the server would refuse is never queued.
    const parsed = MinutesContentSchema.safeParse(current.content);
    if (!parsed.success) return setSaveError(validationError(parsed.error));
    // Never queued offline: a draft replayed later, on a version since moved on, would only be refused.
    if (client.getState().connection !== 'online') return setSaveError(protocolError('OFFLINE'));
    const sent = current.content;
    const outcome = await command.run(
      'minutes:save',
      { meetingId, baseVersion: current.baseVersion, content: parsed.data },
      (error) => {
        if (error.code !== 'STALE_EDIT') return;
        void fetchMinutes().then((ack) => {
          if (ack.ok && ack.data.draft) setStale({ theirs: ack.data.draft });
        });
      },
    );
    if (outcome !== 'done') return;
    // The save made version base + 1. Its time and author from the server, unless someone saved
    // again since: then the next save stays on ours, and is refused as stale, not laid over theirs.
    const ours = current.baseVersion + 1;
    const ack = await fetchMinutes();
    const draft = ack.ok ? ack.data.draft : null;
    const meta: DraftMeta =
      draft?.version === ours
        ? metaOf(draft)
        : { version: ours, updatedAt: new Date().toISOString(), updatedBy: client.getState().user?.id ?? '' };
    setStale(null);
    setSavedNow(true);
    setEditor((e) => (e ? { ...e, saved: sent, baseVersion: ours, meta, fromPrefill: false } : e));
  }, [client, command, fetchMinutes, meetingId]);

  /** After a stale save: drop what was typed and take the draft saved by the other secretary. */
  const takeTheirs = useCallback(
    (theirs: MinutesDraft) => {
      setStale(null);
      setSaveError(null);
      command.clearError();
      setEditor({
        content: theirs.content,
        saved: theirs.content,
        baseVersion: theirs.version,
        meta: metaOf(theirs),
        fromPrefill: false,
      });
    },
    [command],
  );

  /** After a stale save: keep the typed text, to save over their version once reviewed. */
  const keepMine = useCallback(
    (theirs: MinutesDraft) => {
      setStale(null);
      command.clearError();
      setEditor((e) =>
        e
          ? {
              ...e,
              content: keepTheirTasks(e.content, theirs.content),
              saved: theirs.content,
              baseVersion: theirs.version,
              meta: metaOf(theirs),
            }
          : e,
      );
    },
    [command],
  );

  /** A newer draft was saved elsewhere: load it (the page asks first when there are unsaved edits). */
  const loadLatest = useCallback(async () => {
    const ack = await fetchMinutes();
    if (!ack.ok) return setSaveError(ack.error);
    if (ack.data.draft) takeTheirs(ack.data.draft);
  }, [fetchMinutes, takeTheirs]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      const ack = await fetchMinutes();
      if (!ack.ok) return setSaveError(ack.error);
      setSavedNow(false);
      setEditor((e) => (e ? { ...e, content: refreshFacts(e.content, ack.data.prefill) } : e));
    } finally {
      setRefreshing(false);
    }
  }, [fetchMinutes]);

  const dirty = editor ? isDirty(editor.content, editor.saved) : false;
  return {
    editor,
    dirty,
    loadError,
    saveError: saveError ?? command.error,
    saving: command.busy,
    savedNow,
    stale,
    refreshing,
    reload: load,
    edit,
    save,
    takeTheirs,
    keepMine,
    loadLatest,
    refresh,
  };
}
