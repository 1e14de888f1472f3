import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { uuidv7 } from 'uuidv7';
import type { HeldAnnotation } from '../../../shared/client/api.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import type { AnnotationBridge, BridgeState } from './annotation-bridge.js';
import type { SharedMarks } from './shared-marks.js';

const NONE: readonly HeldAnnotation[] = [];
const IDLE: BridgeState = { ready: false, tool: 'read', canUndo: false, canRedo: false, selectedId: null };
const noSubscription = () => () => {};

/**
 * The reader's annotations: the client core's records go into pdf.js's editors (own) and our
 * overlay (others' shared), and what the editors change goes out as commands, queued offline.
 */
export function useAnnotations(
  bridge: AnnotationBridge | null,
  sharedMarks: SharedMarks | null,
  meetingId: string,
  documentId: string,
  version: number,
) {
  const client = useClient();
  const state = useClientState();
  const userId = state.user?.id ?? null;
  const all = state.annotations[documentId] ?? NONE;
  const shown = useMemo(() => all.filter((a) => a.version === version), [all, version]);
  const own = useMemo(() => shown.filter((a) => a.author.id === userId), [shown, userId]);
  const others = useMemo(() => shown.filter((a) => a.author.id !== userId), [shown, userId]);
  // The user's own on other versions, unless already carried over to this one.
  const elsewhere = useMemo(() => {
    const carried = new Set(own.map((a) => a.carriedFrom));
    return all.filter((a) => a.version !== version && a.author.id === userId && !carried.has(a.id));
  }, [all, own, version, userId]);

  useEffect(() => {
    bridge?.open({
      documentId,
      version,
      save: (annotation) => void client.send('annotation:save', { commandId: uuidv7(), meetingId, annotation }),
      remove: (annotationId) => void client.send('annotation:delete', { commandId: uuidv7(), meetingId, annotationId }),
    });
  }, [bridge, client, meetingId, documentId, version]);
  useEffect(() => bridge?.setRecords(own), [bridge, own]);
  useEffect(() => sharedMarks?.set(others), [sharedMarks, others]);

  const tools = useSyncExternalStore(bridge?.subscribe ?? noSubscription, bridge?.getState ?? (() => IDLE));
  const selected = own.find((a) => a.id === tools.selectedId) ?? null;

  const setShared = useCallback(
    (annotationId: string, shared: boolean) =>
      void client.send(shared ? 'annotation:share' : 'annotation:withdraw', {
        commandId: uuidv7(),
        meetingId,
        annotationId,
      }),
    [client, meetingId],
  );

  const remove = useCallback(
    (annotationId: string) => void client.send('annotation:delete', { commandId: uuidv7(), meetingId, annotationId }),
    [client, meetingId],
  );

  /** A copy on the version on screen, same page and drawing, that remembers where it came from. */
  const carry = useCallback(
    (mark: HeldAnnotation) => {
      if (!mark.geometry) return;
      void client.send('annotation:save', {
        commandId: uuidv7(),
        meetingId,
        annotation: {
          id: uuidv7(),
          documentId,
          version,
          page: mark.page,
          kind: mark.kind,
          geometry: mark.geometry,
          color: mark.color,
          opacity: mark.opacity,
          text: mark.text,
          quote: mark.quote,
          createdAt: new Date().toISOString(),
          carriedFrom: mark.id,
        },
      });
    },
    [client, meetingId, documentId, version],
  );

  return { userId, shown, elsewhere, tools, selected, setShared, remove, carry };
}
