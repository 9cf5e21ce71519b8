import { useState } from 'react';
import { DEFAULT_VIEW3D } from '../../core/scene/scene.ts';
import { webgl2Problem } from '../../render/webglSupport.ts';
import { useActions, useApp } from '../appContext.ts';

/**
 * The plot's "2D ⇄ 3D" switch. Where WebGL 2 is missing it stays off and says why, and the 2D plot
 * carries on.
 */
export function View3dSwitch() {
  const actions = useActions();
  const on = useApp((s) => s.scene.view3d !== undefined);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <label className="switch" title="Show the surface and the race in 3D: drag to orbit">
        <input
          type="checkbox"
          role="switch"
          checked={on && problem === null}
          aria-describedby={problem ? 'view3d-problem' : undefined}
          onChange={(event) => {
            if (!event.currentTarget.checked) return actions.setView3d(undefined);
            const why = webgl2Problem();
            setProblem(why);
            if (!why) actions.setView3d({ ...DEFAULT_VIEW3D });
          }}
        />
        3D
      </label>
      {problem && (
        <span id="view3d-problem" className="view3d-problem" role="status">
          {problem}
        </span>
      )}
    </>
  );
}
