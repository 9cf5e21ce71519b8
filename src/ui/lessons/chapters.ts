/**
 * The guided tour: the article's five challenges, then a real network, each a full scene, a few sentences in plain
 * English, live captions (templates, see captions.ts: every number in them is read from the scene
 * and the simulation) and one or two "try this" changes to the scene.
 *
 * The prose holds no number that a control can change; the constants it does mention belong to the
 * surface (25 times steeper, the Hessian of x² − y²). Lesson scenes are checked by chapters.test.ts:
 * each passes validateScene unchanged, and each chapter's claim holds in the real simulation.
 */
import { freeRunId } from '../../core/scene/runLabels.ts';
import type { Point } from '../../core/geometry.ts';
import { defaultScene, runFromPreset, type Scene, type SceneRun } from '../../core/scene/scene.ts';
import type { ParamValue } from '../../core/optimizers/types.ts';
import { findOptimizer } from '../../core/optimizers/registry.ts';
import { resolveSchedule } from '../../core/schedules/validate.ts';
import { networkScene } from '../../core/nn/networkScene.ts';
import { defaultNetworkSpec, type NetworkSpec } from '../../core/nn/spec.ts';

export interface TryThis {
  /** The button's text: what will change. */
  label: string;
  /** What to look for once it has changed (shown after the click). */
  note: string;
  /** The changed scene, from the scene on screen (so earlier changes are kept). */
  apply(scene: Scene): Scene;
}

export interface Chapter {
  /** 1-based, as in `?lesson=N`. */
  number: number;
  /** "Local minima": the article's name for the challenge. */
  challenge: string;
  /** The challenge's name on the chapter's button, where `challenge` is too long for it. */
  shortChallenge?: string;
  title: string;
  /** Paragraphs of plain prose. */
  text: string[];
  /** Live sentences (templates). */
  captions: string[];
  tries: TryThis[];
  /**
   * Surfaces the prose talks about; on any other the panel offers to restart the chapter. Empty
   * for a chapter about the network view (`network`), which is on topic whenever that is open.
   */
  surfaces: string[];
  network?: true;
  scene(): Scene;
}

interface RunSpec {
  preset: string;
  params?: Record<string, ParamValue>;
  label?: string;
}

function lessonRun({ preset, params = {}, label }: RunSpec, index: number): SceneRun {
  const run = runFromPreset(preset, `r${index + 1}`);
  return { ...run, label: label ?? run.label, params: { ...run.params, ...params } };
}

function lessonScene(
  surface: string,
  start: Point,
  runs: RunSpec[],
  options: Partial<Omit<Scene, 'surface' | 'runs' | 'starts' | 'version'>>,
): Scene {
  return {
    ...defaultScene(),
    surface: { id: surface },
    runs: runs.map(lessonRun),
    starts: { kind: 'points', points: [start] },
    ...options,
  };
}

/** Scene edits for "try this" buttons. */
function setParam(scene: Scene, runIndex: number, name: string, value: ParamValue): Scene {
  return {
    ...scene,
    runs: scene.runs.map((run, i) =>
      i === runIndex ? { ...run, params: { ...run.params, [name]: value } } : run,
    ),
  };
}

function scaleParam(scene: Scene, runIndex: number, name: string, factor: number): Scene {
  const value = scene.runs[runIndex]?.params[name];
  if (typeof value !== 'number') return scene;
  return setParam(scene, runIndex, name, Number((value * factor).toPrecision(6)));
}

/** Gradient noise σ of the ravine's schedule try: enough to keep a constant-lr SGD shaking. */
const RAVINE_NOISE = 5;

/**
 * Gradient noise, and beside the first run (SGD) a copy whose lr a StepLR divides by 10 at each
 * third of the run, so the two differ only in the schedule.
 */
function withStepDecayTwin(scene: Scene): Scene {
  const first = scene.runs[0];
  const label = `${first.label}, step decay`;
  if (scene.runs.some((run) => run.label === label)) return { ...scene, noise: RAVINE_NOISE };
  const schedule = resolveSchedule(
    { name: 'StepLR', params: { step_size: Math.max(1, Math.round(scene.steps / 3)), gamma: 0.1 } },
    findOptimizer(first.optimizer)!,
  );
  if (!schedule.ok) return scene;
  const twin: SceneRun = {
    ...first,
    id: freeRunId(scene.runs),
    label,
    schedule: schedule.schedule,
  };
  return { ...scene, noise: RAVINE_NOISE, runs: [...scene.runs, twin] };
}

const WEIRD_BEAST_START: Point = [3.2, -2];

/**
 * Chapter 6's scene: SGD and Adam train the default net on three interleaved spirals, which it
 * must bend hard to separate; the lrs are the network view's.
 */
function realNetworkScene(): Scene {
  const scene = networkScene(defaultScene(), { ...defaultNetworkSpec(), dataset: 'spiral' });
  return {
    ...scene,
    runs: [
      { preset: 'sgd', params: { lr: 0.5 } },
      { preset: 'adam', params: { lr: 0.01 } },
    ].map(lessonRun),
    speed: 30,
  };
}

/**
 * The spirals experiment for chapter 6's first two tries: the scene on screen, or the chapter's own
 * again when the rings tries left it (other runs, data and plane, of which those tries' notes would
 * say nothing true).
 */
function onSpirals(scene: Scene): Scene {
  return scene.network?.dataset === 'spiral' ? scene : realNetworkScene();
}

/** Minibatch size of chapter 6's second try: a twentieth of the spirals' training points. */
const REAL_BATCH = 16;

/** Minibatch size of chapter 6's flat minimum: a fortieth of the rings' training points. */
const FLAT_BATCH = 8;

/**
 * Chapter 6's sharp-or-flat experiment, on the full batch: a ReLU net learns two rings, which
 * Momentum and Adam both fit, and the plane is Li et al.'s, two filter-normalised random directions
 * through Momentum's final weights. On the spirals a small batch only looked flatter because it had
 * got less far; here, on seeds 1 to 10, Momentum with batches of 8 ends at 0.48 to 0.89 times the
 * full batch's training loss and 0.34 to 0.80 times its sharpness (Adam's full batch ends at a far
 * lower loss, so the lesson speaks of Momentum only).
 */
function ringsExperiment(scene: Scene): Scene {
  const spec: NetworkSpec = {
    ...defaultNetworkSpec(),
    dataset: 'circles',
    activation: 'relu',
    plane: 'random',
    steps: 1000,
  };
  const changed: Scene = {
    ...scene,
    network: spec,
    steps: spec.steps,
    runs: [
      { preset: 'momentum', params: { lr: 0.1 } },
      { preset: 'adam', params: { lr: 0.01 } },
    ].map(lessonRun),
  };
  delete changed.batchSize;
  return changed;
}

export const CHAPTERS: readonly Chapter[] = [
  {
    number: 1,
    challenge: 'Local minima',
    title: 'Stuck in a dimple',
    text: [
      'Training a model means making its loss small. Gradient descent walks downhill on the loss: each step goes against the slope (the gradient), and the learning rate sets how far.',
      'This surface is covered in shallow dimples. It has a few deeper wells and one lowest point, the global minimum (the bold cross). Both runs start at the same spot with the same learning rate.',
      'Plain gradient descent only feels the slope under its feet. Once it sits in a dimple every direction leads uphill, so it stops there, even though much lower ground is close by.',
      'Momentum keeps a velocity from its earlier steps, like a ball rolling downhill. The speed it gathers can carry it over the low rims between dimples.',
      'With millions of parameters, a true local minimum must curve upwards in every direction at once, which is rare. The commoner trap is the saddle point of chapter 5.',
    ],
    captions: [
      '{label 1} (lr {lr 1}, momentum {momentum 1}) {where 1}, loss {loss 1}.',
      '{label 2} (lr {lr 2}, momentum {momentum 2}) {where 2}, loss {loss 2}.',
    ],
    tries: [
      {
        label: 'Give Momentum less momentum (0.5)',
        note: 'With less memory the ball never builds up the speed to climb a rim. Try other values in the momentum field of its card: the caption follows.',
        apply: (scene) => setParam(scene, 1, 'momentum', 0.5),
      },
      {
        label: 'Scatter 100 random starts',
        note: 'Each dot is a start point, coloured by where its run is now (see the legend on the plot). Choose the run in the legend to compare plain descent with momentum.',
        apply: (scene) => ({ ...scene, starts: { kind: 'random', count: 100 } }),
      },
    ],
    surfaces: ['weird_beast'],
    scene: () =>
      lessonScene(
        'weird_beast',
        WEIRD_BEAST_START,
        [
          { preset: 'sgd', params: { lr: 0.01 }, label: 'Plain GD' },
          { preset: 'momentum', params: { lr: 0.01, momentum: 0.9 } },
        ],
        { steps: 600, speed: 60 },
      ),
  },
  {
    number: 2,
    challenge: 'Slow convergence',
    shortChallenge: 'Slow progress',
    title: 'Crawling across a plateau',
    text: [
      'Far from its centre this bowl flattens into an almost level plain. There the gradient is tiny, so every step of plain gradient descent is tiny too: it crawls, and a faster computer does not help.',
      'Momentum adds the small steps up into a growing velocity, like a cyclist picking up speed on a gentle slope.',
      'Adam divides each step by the recent size of the gradient, so even a faint slope gives a full-sized step.',
    ],
    captions: [
      '{label 1} (lr {lr 1}) {where 1}: the slope under it is {grad 1}, and it has moved {moved 1} in {step} steps.',
      '{label 2} (lr {lr 2}, momentum {momentum 2}) {where 2}, {moved 2} from its start.',
      '{label 3} (lr {lr 3}) {where 3}, {moved 3} from its start.',
    ],
    tries: [
      {
        label: 'Give SGD a 10× larger learning rate',
        note: 'A larger rate helps on the plain, but near the centre, where the bowl is steep, the same rate overshoots. One number cannot suit both.',
        apply: (scene) => scaleParam(scene, 0, 'lr', 10),
      },
      {
        label: 'Start on the slope instead, at (1.2, 0.8)',
        note: 'Where the ground is steep, plain gradient descent is quick. The plateau, not the algorithm, is what made it slow.',
        apply: (scene) => ({ ...scene, starts: { kind: 'points', points: [[1.2, 0.8]] } }),
      },
    ],
    surfaces: ['plateau'],
    scene: () =>
      lessonScene(
        'plateau',
        [2.5, 1.8],
        [
          { preset: 'sgd', params: { lr: 0.1 } },
          { preset: 'momentum', params: { lr: 0.1, momentum: 0.9 } },
          { preset: 'adam', params: { lr: 0.05 } },
        ],
        { steps: 800, speed: 80 },
      ),
  },
  {
    number: 3,
    challenge: 'Different slopes',
    title: 'A ravine: steep one way, flat the other',
    text: [
      'This bowl is 25 times steeper across (y) than along (x), and one learning rate has to serve both directions.',
      'Large enough to make progress along x, and it overshoots across y, bouncing from wall to wall; above 2 ÷ 25 = 0.08 the bounces grow without end. Small enough for y, and it crawls along x.',
      'Adagrad, RMSProp and Adam give every parameter its own step size, dividing by the size of its recent gradients: short steps across the steep walls, long steps along the flat floor.',
      'Adagrad divides by the sum of all squared gradients so far, so its steps only ever shrink. RMSProp uses a moving average instead, which keeps them alive. Adam adds momentum, and corrects its averages for their slow start.',
      'Noisy gradients add one more reason to change the learning rate as training goes on: a rate large enough to travel keeps a run shaking around the bottom. A schedule starts large and lowers it.',
    ],
    captions: [
      '{label 1} (lr {lr 1}) {where 1}: y = {y 1}, loss {loss 1}.',
      '{label 2} (lr {lr 2}) {where 2}, loss {loss 2}.',
      '{label 3} (lr {lr 3}) {where 3}, loss {loss 3}.',
      '{label 4} (lr {lr 4}) {where 4}, loss {loss 4}.',
    ],
    tries: [
      {
        label: 'Push SGD past the limit: lr 0.085',
        note: 'Across the ravine each step now overshoots by more than it corrects: the bounces grow until SGD is thrown out.',
        apply: (scene) => setParam(scene, 0, 'lr', 0.085),
      },
      {
        label: 'Make SGD careful: lr 0.01',
        note: 'No more bouncing, but along the flat floor SGD now crawls, while the adaptive methods are long done.',
        apply: (scene) => setParam(scene, 0, 'lr', 0.01),
      },
      {
        label: 'Noisy gradients, and a second SGD whose lr steps down',
        note: 'Every run now shakes around the bottom. The second SGD travels as fast as the first, but each time its scheduler divides its lr by 10 the shaking shrinks; the first, at a constant lr, never settles. Show the chart’s lr to see the steps.',
        apply: withStepDecayTwin,
      },
    ],
    surfaces: ['elongated'],
    scene: () =>
      lessonScene(
        'elongated',
        [-4, 1],
        [
          { preset: 'sgd', params: { lr: 0.075 } },
          { preset: 'adagrad', params: { lr: 0.5 } },
          { preset: 'rmsprop', params: { lr: 0.05 } },
          { preset: 'adam', params: { lr: 0.1 } },
        ],
        { steps: 300, speed: 30 },
      ),
  },
  {
    number: 4,
    challenge: 'Gradient size and distributed training',
    shortChallenge: 'Distributed training',
    title: 'Many machines, one model',
    text: [
      'Here the loss is a real one: how badly a straight line fits 200 noisy data points. Each step of SGD looks at a small random batch of samples instead of all of them: a cheap, noisy estimate of the gradient that still points downhill on average.',
      'Big models are trained on many machines at once. Each worker computes a gradient on its own share of the data; a server averages them and takes the step. The catch is the network: every worker sends its whole gradient every step, and for millions of parameters that traffic, not the arithmetic, sets the pace.',
      'The remedy: a worker adds each new gradient to a private running sum and sends a component only once that sum has grown past a threshold, then starts it again from zero. Nothing is lost, only delayed, and far less is sent.',
    ],
    captions: [
      '{label 1} (lr {lr 1}, {batch} samples per step) {where 1}, loss {loss 1}.',
      '{label 2}: {workers 2} workers have sent {sent 2} values ({bytes 2} bytes); loss {loss 2}.',
      '{label 3} (threshold {threshold 3}): {sent 3} values ({bytes 3} bytes), {fewer 3}× fewer than sending every gradient; loss {loss 3}.',
    ],
    tries: [
      {
        label: 'Raise the threshold to 5',
        note: 'Each worker now waits longer before it speaks up: even less traffic, and the model still learns, a little later and a little more jerkily.',
        apply: (scene) => setParam(scene, 2, 'threshold', 5),
      },
      {
        label: 'One sample per step for SGD',
        note: 'A single sample gives a very noisy estimate: SGD still heads downhill on average, but it wanders around the minimum instead of settling in it.',
        apply: (scene) => ({ ...scene, batchSize: 1 }),
      },
    ],
    surfaces: ['linear_regression', 'logistic_regression'],
    scene: () => ({
      ...lessonScene(
        'linear_regression',
        [-0.5, 2],
        [
          { preset: 'sgd', params: { lr: 0.05 } },
          { preset: 'distributed', params: { lr: 0.05 } },
          { preset: 'distributed-threshold', params: { lr: 0.05, threshold: 2 } },
        ],
        { steps: 300, speed: 30 },
      ),
      batchSize: 8,
    }),
  },
  {
    number: 5,
    challenge: 'Saddle points',
    title: 'Flat, but not a minimum',
    text: [
      'At the centre of x² − y² the gradient is zero, yet it is not a minimum: the surface curves up along x and down along y.',
      'Every run starts exactly on the ridge y = 0. There the slope never points off the ridge, so plain gradient descent slides into the saddle and stays for ever. Adam, for all its cleverness, stays too.',
      'The Hessian, the matrix of second derivatives, shows the way out. Here it is [[2, 0], [0, −2]]: the −2 says the surface curves down along y. But a real network’s Hessian is far too big to compute.',
      'Two cheap remedies: a small random kick whenever progress stalls (Perturbed GD), and starting from random points, which almost never lie exactly on a ridge.',
    ],
    captions: [
      '{label 1} is at ({x 1}, {y 1}), where the slope is {grad 1}: it {where 1}.',
      '{label 2} kicks itself up to {radius 2} away when the slope drops below {threshold 2}: it {where 2}.',
      '{label 3} (lr {lr 3}) {where 3}.',
      'Curvatures where {label 1} is (the Hessian’s eigenvalues): {curvature 1}.',
    ],
    tries: [
      {
        label: 'Scatter 30 random starts',
        note: 'Random start points are almost never exactly on the ridge, so every run soon slides off the saddle and away down the y direction.',
        apply: (scene) => ({ ...scene, starts: { kind: 'random', count: 30 } }),
      },
      {
        label: 'Switch to the monkey saddle, x³ − 3xy²',
        note: 'Three valleys meet at the origin, and there both the gradient (3x² − 3y², −6xy) and the Hessian are zero: neither tells which way is down. Plain descent creeps towards the flat point ever more slowly; Perturbed GD’s kicks find a valley.',
        apply: (scene) => ({
          ...scene,
          surface: { id: 'monkey_saddle' },
          view: null,
          starts: { kind: 'points', points: [[1, 0]] },
          steps: 800,
          speed: 80,
        }),
      },
    ],
    surfaces: ['saddle', 'monkey_saddle'],
    scene: () =>
      lessonScene(
        'saddle',
        [1, 0],
        [
          { preset: 'sgd', params: { lr: 0.05 }, label: 'Plain GD' },
          { preset: 'perturbed-gd', params: { lr: 0.05 } },
          { preset: 'adam', params: { lr: 0.05 } },
        ],
        { steps: 300, speed: 40 },
      ),
  },
  {
    number: 6,
    challenge: 'Real networks',
    title: 'The real thing',
    text: [
      'Every surface so far was a formula of two numbers. A real network has many more: here a small one, with two hidden layers, learns to tell three interleaved spirals apart, and each of its weights and biases is one coordinate of its loss.',
      'That loss has as many dimensions as the net has parameters, so no picture can show it whole. The plot is a slice: the plane through the two directions along which the runs’ weights moved most (the principal components of their paths). Each path is drawn at its shadow on that plane, and what looks like a valley there may rise in a direction the slice does not show.',
      'Plain SGD takes one learning rate for every weight. On the spirals it barely gets going: its loss stays near that of guessing a class at random. Adam scales each weight’s step by the size of its own recent gradients, as on the ravine of chapter 3, and finds the spirals.',
      'The tricks of the 2D surfaces carry over. Momentum lets SGD gather speed where its gradients agree. And real training rarely looks at all the data in each step: a small random batch is far cheaper, but noisier.',
    ],
    captions: [
      'A network of widths [{architecture}]: {parameters} parameters, so its loss lives in {parameters} dimensions.',
      '{label 1} (lr {lr 1}, momentum {momentum 1}) {where 1}: training loss {loss 1}, {accuracy 1} of the training points right, {testacc 1} of the held-out ones.',
      '{label 2} (lr {lr 2}) {where 2}: training loss {loss 2}, {accuracy 2} of the training points right, {testacc 2} of the held-out ones.',
      'The plane holds {inplane 1} of the variance of {label 1}’s path and {inplane 2} of {label 2}’s.',
      'How sharp the loss is where the runs ended, as the average rise of the training loss after a random step of half each unit’s weight size: {sharpness 1} for {label 1}, {sharpness 2} for {label 2}. Flat is not the same as low: a run stuck on a plateau is flat too, so read this beside the training losses above.',
    ],
    tries: [
      {
        label: 'Give SGD momentum 0.9',
        note: 'With momentum SGD builds up speed along the directions where its gradients keep agreeing: in the same number of steps it now finds the spirals too.',
        apply: (scene) => setParam(onSpirals(scene), 0, 'momentum', 0.9),
      },
      {
        label: `Train on batches of ${REAL_BATCH} samples`,
        note: 'Each step now estimates the gradient from a few samples: many times cheaper, but noisy. In the same number of steps both runs get less far, and their losses in the chart shake.',
        apply: (scene) => ({ ...onSpirals(scene), batchSize: REAL_BATCH }),
      },
      {
        label: `Slice around a minimum found with batches of ${FLAT_BATCH}`,
        note: 'A new experiment, where both runs reach the bottom: a ReLU net learns to tell two rings apart, in more steps, each on a few random samples. The plot is another slice now: two random directions through where Momentum ended, each scaled unit by unit to the size of that unit’s weights, so that slices of two trainings can be compared. The last caption averages eight such directions. Then train the same net on the full batch (the next button) and compare.',
        apply: (scene) => ({ ...ringsExperiment(scene), batchSize: FLAT_BATCH }),
      },
      {
        label: 'The same net on the full batch',
        note: 'Every step now sees every sample. Momentum ends at a training loss no lower than with small batches, yet the loss rises faster around it: its sharpness in the caption is larger. Keskar et al. (2017) saw the same in large networks and put it down to the noise of small batches, which can shake training out of a narrow basin. They also found that flat minima do better on new data; here both nets get every held-out point right, so this example shows the flatness, not that benefit. The plot’s slice is one pair of random directions: on its own it may show the difference or hide it, and a few directions out of hundreds cannot settle the shape of a minimum.',
        apply: ringsExperiment,
      },
    ],
    surfaces: [],
    network: true,
    scene: realNetworkScene,
  },
];

export function chapter(number: number): Chapter {
  const found = CHAPTERS[number - 1];
  if (!found) throw new RangeError(`no chapter ${number}`);
  return found;
}
