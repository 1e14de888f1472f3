import type { MeetingState } from '../../../shared/client/store.js';

export type ShownStage = 'not-started' | 'running' | 'paused' | 'ended';

/** The stage as people name it: a closed meeting has ended, whatever its session said last. */
export function stageOf(state: Pick<MeetingState, 'meeting' | 'session'>): ShownStage {
  return state.meeting.status === 'closed' ? 'ended' : state.session.stage;
}

/** The i18n key of a stage's name. */
export const STAGE_LABEL = {
  'not-started': 'session.stageNotStarted',
  running: 'session.stageRunning',
  paused: 'session.stagePaused',
  ended: 'session.stageEnded',
} as const satisfies Record<ShownStage, `session.${string}`>;
