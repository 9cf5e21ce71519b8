import { DEFAULT_VIEW3D } from '../../core/scene/scene.ts';
import { webgl2Problem } from '../../render/webglSupport.ts';
import { useActions, useApp } from '../appContext.ts';

/**
 * The plot's "2D ⇄ 3D" switch. Where WebGL 2 is missing it stays off, a notice says why, and the 2D
 * plot carries on.
 */
export function View3dSwitch() {
  const actions = useActions();
  const on = useApp((s) => s.scene.view3d !== undefined);
  return (
    <label className="switch" title="Show the surface and the race in 3D: drag to orbit">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        onChange={(event) => {
          if (!event.currentTarget.checked) return actions.setView3d(undefined);
          const problem = webgl2Problem();
          if (!problem) return actions.setView3d({ ...DEFAULT_VIEW3D });
          // The scene did not change, so nothing re-renders to undo the click: undo it here.
          event.currentTarget.checked = false;
          actions.addNotice(problem);
        }}
      />
      3D
    </label>
  );
}
