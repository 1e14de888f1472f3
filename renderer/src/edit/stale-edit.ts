/**
 * A stale edit: the server refused a save (STALE_EDIT) because someone else changed the same
 * thing after the form was opened. The form then shows the current text, and keeps what the
 * person typed beside it, field by field, so nothing typed is lost.
 */

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The fields where what the person typed differs from the current value: the ones to show as "your text". */
export function typedAside<F extends object>(mine: F, current: F): Partial<F> {
  const aside: Partial<F> = {};
  for (const key of Object.keys(mine) as Array<keyof F>) {
    if (!same(mine[key], current[key])) aside[key] = mine[key];
  }
  return aside;
}

export interface StaleState<T extends { version: number }, F> {
  /** What the form shows and what its next save is made against (its version goes along). */
  base: T;
  /** What the person typed when their save was refused. */
  mine: F | null;
  /** The version the refused save was made on. */
  refusedVersion: number | null;
  /** Bumped whenever the form must start afresh from `base` (or from `mine`, restored). */
  formKey: number;
  /** The person asked for their own text back in the fields. */
  restored: boolean;
}

export function openedOn<T extends { version: number }, F>(current: T): StaleState<T, F> {
  return { base: current, mine: null, refusedVersion: null, formKey: 0, restored: false };
}

/** The save was refused as stale: show the current version, keep the typed text aside. */
export function refused<T extends { version: number }, F>(
  state: StaleState<T, F>,
  current: T,
  mine: F,
): StaleState<T, F> {
  return {
    base: current,
    mine,
    refusedVersion: state.base.version,
    formKey: state.formKey + 1,
    restored: false,
  };
}

/**
 * The client's copy moved on. Followed only while the form still shows the version that was
 * refused (the newer one may arrive just after the refusal); otherwise the person is editing
 * and their fields are left alone: a later change by someone else is refused at the next save.
 */
export function followed<T extends { version: number }, F>(state: StaleState<T, F>, current: T): StaleState<T, F> {
  if (state.mine === null || state.refusedVersion === null) return state;
  if (state.base.version !== state.refusedVersion || current.version === state.base.version) return state;
  return { ...state, base: current, formKey: state.formKey + 1 };
}

/** Puts the typed text back in the fields, to be saved over the current version. */
export function restore<T extends { version: number }, F>(state: StaleState<T, F>): StaleState<T, F> {
  return state.mine === null ? state : { ...state, restored: true, formKey: state.formKey + 1 };
}
