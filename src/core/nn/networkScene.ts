import { presetIdOf } from '../optimizers/presets.ts';
import { defaultScene, runFromPreset, type Scene, type SceneRun } from '../scene/scene.ts';
import { presetLrOn } from '../scene/surfaceSwitch.ts';
import { defaultNetworkSpec, type NetworkSpec } from './spec.ts';

/**
 * The article's six optimizers with learning rates that train the default net (two moons,
 * [2, 16, 16, 1], tanh) in a few hundred full-batch steps: the 2D surfaces' rates are tuned for
 * other scales.
 */
const NETWORK_RATES: [preset: string, lr: number][] = [
  ['sgd', 0.5],
  ['momentum', 0.1],
  ['nesterov', 0.1],
  ['adagrad', 0.05],
  ['rmsprop', 0.005],
  ['adam', 0.01],
];

export function networkRuns(): SceneRun[] {
  return NETWORK_RATES.map(([preset, lr], i) => {
    const run = runFromPreset(preset, `r${i + 1}`);
    return { ...run, params: { ...run.params, lr } };
  });
}

/**
 * The scene the network view opens with: this scene's seed, the network runs and experiment, and
 * a step budget of the training's length, so the playback bar spans it.
 */
export function networkScene(scene: Scene, spec: NetworkSpec = defaultNetworkSpec()): Scene {
  return { ...scene, runs: networkRuns(), network: spec, steps: spec.steps };
}

/**
 * The 2D scene the network view goes back to: a run still at the network's learning rate gets its
 * preset rate on the scene's surface (SGD's 0.5 would blow up on Beale; a rate the user set stays),
 * and a step budget that was the training's length goes back to the default.
 */
export function sceneWithoutNetwork(scene: Scene): Scene {
  const { network, ...rest } = scene;
  const networkRates = new Map(NETWORK_RATES);
  const runs = scene.runs.map((run) => {
    const preset = presetIdOf(run);
    if (preset === null || run.params.lr !== networkRates.get(preset)) return run;
    const lr = presetLrOn(scene.surface, preset);
    return lr === undefined ? run : { ...run, params: { ...run.params, lr } };
  });
  const steps = network && scene.steps === network.steps ? defaultScene().steps : scene.steps;
  return { ...rest, runs, steps };
}
