import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SceneRun } from '../core/scene/scene.ts';
import { useApp } from './appContext.ts';

export interface RunName {
  id: string;
  label: string;
}

const everyRun = () => true;

/**
 * The scene's runs (those `include` keeps) as ids and labels, for run choosers and per-run panels.
 * The component re-renders when an id or a label changes, not on every hyperparameter edit: the
 * store is read as `id␀label` strings, compared one by one.
 */
export function useRunNames(include: (run: SceneRun) => boolean = everyRun): RunName[] {
  const keys = useApp(
    useShallow((s) => s.scene.runs.filter(include).map((run) => `${run.id}\u0000${run.label}`)),
  );
  return useMemo(
    () =>
      keys.map((key) => {
        const [id, label] = key.split('\u0000');
        return { id, label };
      }),
    [keys],
  );
}
