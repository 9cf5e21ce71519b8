/**
 * Multilayer perceptrons as torch builds them: `nn.Sequential(nn.Linear(l0, l1), act, …,
 * nn.Linear(l_{k-1}, l_k))`, the activation between layers and none after the last. Parameters are
 * one flat Float64Array in torch's `model.parameters()` order: per layer the weight (out × in,
 * row-major), then the bias. Losses are torch's, with mean reduction:
 *   mse            mean((out − y)²) on one output;
 *   bce            BCEWithLogitsLoss on one logit: (1 − y)·z + m + log(e^(−m) + e^(−z−m)), m = max(−z, 0);
 *   cross_entropy  CrossEntropyLoss on k logits, y the class index: logsumexp(z) − z_y.
 * Gradients are exact, by backpropagation, one sample at a time (no allocation per call).
 */

export type Activation = 'tanh' | 'relu' | 'sigmoid';
export type LossName = 'mse' | 'bce' | 'cross_entropy';

export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'sigmoid'];
export const LOSSES: readonly LossName[] = ['mse', 'bce', 'cross_entropy'];

export interface Architecture {
  /** Widths [2, h1, …, k]: two inputs, k outputs. */
  readonly layers: readonly number[];
  readonly activation: Activation;
  readonly loss: LossName;
}

/** Samples: inputs x0, y0, x1, y1, … and one target per sample (a value, 0/1 label or class). */
export interface Samples {
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
}

/** Where layer l's weight and bias start in the flat parameters. */
export interface LayerSlice {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly weight: number;
  readonly bias: number;
}

/** The number of parameters of an MLP with these widths. */
export function parameterCount(layers: readonly number[]): number {
  let count = 0;
  for (let l = 1; l < layers.length; l++) count += layers[l] * (layers[l - 1] + 1);
  return count;
}

/** Where each layer's weight and bias sit in the flat parameters, first layer first. */
export function layerSlices(layers: readonly number[]): LayerSlice[] {
  const slices: LayerSlice[] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    const fanIn = layers[l - 1];
    const fanOut = layers[l];
    slices.push({ fanIn, fanOut, weight: offset, bias: offset + fanIn * fanOut });
    offset += fanOut * (fanIn + 1);
  }
  return slices;
}

/**
 * Applies the activation in place to `values[0 … n)`. The choice is made once per layer, outside
 * the loop, so each loop is a plain pass over the array.
 */
function activate(activation: Activation, values: Float64Array, n: number): void {
  if (activation === 'tanh') {
    for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]);
  } else if (activation === 'relu') {
    for (let i = 0; i < n; i++) values[i] = values[i] > 0 ? values[i] : 0;
  } else {
    for (let i = 0; i < n; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
  }
}

/**
 * output[o] = Σ_i input[i]·W[o, i] + b[o] for o < fanOut, each sum taken over i in order from 0 (as
 * a plain loop would, so the numbers are the same), four outputs at a time: their four sums are
 * independent, so the processor overlaps them instead of waiting on one chain of additions.
 */
function linear(
  theta: Float64Array,
  { fanIn, fanOut, weight, bias }: LayerSlice,
  input: Float64Array,
  output: Float64Array,
): void {
  let o = 0;
  for (; o + 4 <= fanOut; o += 4) {
    const row0 = weight + o * fanIn;
    const row1 = row0 + fanIn;
    const row2 = row1 + fanIn;
    const row3 = row2 + fanIn;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    for (let i = 0; i < fanIn; i++) {
      const x = input[i];
      sum0 += x * theta[row0 + i];
      sum1 += x * theta[row1 + i];
      sum2 += x * theta[row2 + i];
      sum3 += x * theta[row3 + i];
    }
    output[o] = sum0 + theta[bias + o];
    output[o + 1] = sum1 + theta[bias + o + 1];
    output[o + 2] = sum2 + theta[bias + o + 2];
    output[o + 3] = sum3 + theta[bias + o + 3];
  }
  for (; o < fanOut; o++) {
    const row = weight + o * fanIn;
    let sum = 0;
    for (let i = 0; i < fanIn; i++) sum += input[i] * theta[row + i];
    output[o] = sum + theta[bias + o];
  }
}

/**
 * The activation's derivative from its output a (tanh: 1 − a², sigmoid: a(1 − a)) or, for ReLU, from
 * the sign of a (torch's ReLU backward passes the gradient where the output is > 0).
 */
function activationSlope(activation: Activation, a: number): number {
  if (activation === 'tanh') return 1 - a * a;
  if (activation === 'relu') return a > 0 ? 1 : 0;
  return a * (1 - a);
}

/**
 * One sample's loss from the output z[0 … k) and target y; with `slope` given, writes ∂loss/∂z
 * there (before dividing by the batch size).
 */
function sampleLoss(
  loss: LossName,
  z: Float64Array,
  k: number,
  y: number,
  slope: Float64Array | null,
): number {
  if (loss === 'mse') {
    const diff = z[0] - y;
    if (slope) slope[0] = 2 * diff;
    return diff * diff;
  }
  if (loss === 'bce') {
    const x = z[0];
    const m = -x > 0 ? -x : 0;
    if (slope) slope[0] = 1 / (1 + Math.exp(-x)) - y;
    return (1 - y) * x + m + Math.log(Math.exp(-m) + Math.exp(-x - m));
  }
  let max = -Infinity;
  for (let o = 0; o < k; o++) if (z[o] > max) max = z[o];
  let sum = 0;
  for (let o = 0; o < k; o++) sum += Math.exp(z[o] - max);
  const logSum = Math.log(sum);
  if (slope) {
    for (let o = 0; o < k; o++) slope[o] = Math.exp(z[o] - max - logSum);
    slope[y] -= 1;
  }
  return logSum - (z[y] - max);
}

/**
 * A network bound to its samples: loss and gradient at any flat parameter vector, over all samples or
 * over a subset of them (a minibatch).
 */
export class Network {
  readonly architecture: Architecture;
  readonly samples: Samples;
  readonly size: number;
  /** Number of parameters N. */
  readonly count: number;
  private readonly slices: readonly LayerSlice[];
  /** Per layer's output: the activations of one sample (index 0 = the inputs). */
  private readonly activations: Float64Array[];
  /** Per layer's output: ∂loss/∂(pre-activation) of one sample. */
  private readonly deltas: Float64Array[];
  private readonly all: Int32Array;

  constructor(architecture: Architecture, samples: Samples) {
    this.architecture = architecture;
    this.samples = samples;
    this.size = samples.targets.length;
    this.count = parameterCount(architecture.layers);
    this.slices = layerSlices(architecture.layers);
    this.activations = architecture.layers.map((width) => new Float64Array(width));
    this.deltas = architecture.layers.map((width) => new Float64Array(width));
    this.all = Int32Array.from({ length: this.size }, (_, i) => i);
  }

  /** The outputs (logits) for input (x, y), left in the last layer's buffer and returned. */
  forward(theta: Float64Array, x: number, y: number): Float64Array {
    const { slices, activations } = this;
    const { activation } = this.architecture;
    activations[0][0] = x;
    activations[0][1] = y;
    const last = slices.length - 1;
    for (let l = 0; l <= last; l++) {
      linear(theta, slices[l], activations[l], activations[l + 1]);
      if (l < last) activate(activation, activations[l + 1], slices[l].fanOut);
    }
    return activations[last + 1];
  }

  /** The mean loss over all samples (or `indices[start … start + count)`). */
  loss(theta: Float64Array, indices: Int32Array = this.all, start = 0, count = this.size): number {
    const { inputs, targets } = this.samples;
    const { loss, layers } = this.architecture;
    const k = layers[layers.length - 1];
    let total = 0;
    for (let j = start; j < start + count; j++) {
      const s = indices[j];
      const out = this.forward(theta, inputs[2 * s], inputs[2 * s + 1]);
      total += sampleLoss(loss, out, k, targets[s], null);
    }
    return total / count;
  }

  /**
   * The mean loss over all samples (or `indices[start … start + count)`), with its gradient written
   * to `grad[0 … N)`.
   */
  lossAndGradient(
    theta: Float64Array,
    grad: Float64Array,
    indices: Int32Array = this.all,
    start = 0,
    count = this.size,
  ): number {
    const { inputs, targets } = this.samples;
    const { slices, activations, deltas } = this;
    const { loss, layers, activation } = this.architecture;
    const last = slices.length - 1;
    const k = layers[last + 1];
    grad.fill(0, 0, this.count);
    let total = 0;
    for (let j = start; j < start + count; j++) {
      const s = indices[j];
      const out = this.forward(theta, inputs[2 * s], inputs[2 * s + 1]);
      total += sampleLoss(loss, out, k, targets[s], deltas[last + 1]);
      for (let l = last; l >= 0; l--) {
        const { fanIn, fanOut, weight, bias } = slices[l];
        const delta = deltas[l + 1];
        const input = activations[l];
        for (let o = 0; o < fanOut; o++) {
          const d = delta[o];
          grad[bias + o] += d;
          const row = weight + o * fanIn;
          for (let i = 0; i < fanIn; i++) grad[row + i] += d * input[i];
        }
        if (l === 0) break;
        const below = deltas[l];
        for (let i = 0; i < fanIn; i++) {
          let sum = 0;
          for (let o = 0; o < fanOut; o++) sum += delta[o] * theta[weight + o * fanIn + i];
          below[i] = sum * activationSlope(activation, input[i]);
        }
      }
    }
    for (let p = 0; p < this.count; p++) grad[p] /= count;
    return total / count;
  }

  /** The predicted class of input (x, y): argmax of the logits, or logit > 0 (mse: output > 0.5). */
  predict(theta: Float64Array, x: number, y: number): number {
    const out = this.forward(theta, x, y);
    const { loss, layers } = this.architecture;
    if (loss === 'bce') return out[0] > 0 ? 1 : 0;
    if (loss === 'mse') return out[0] > 0.5 ? 1 : 0;
    let best = 0;
    for (let o = 1; o < layers[layers.length - 1]; o++) if (out[o] > out[best]) best = o;
    return best;
  }

  /** The fraction of samples whose predicted class equals the target. */
  accuracy(theta: Float64Array): number {
    const { inputs, targets } = this.samples;
    let correct = 0;
    for (let s = 0; s < this.size; s++) {
      if (this.predict(theta, inputs[2 * s], inputs[2 * s + 1]) === targets[s]) correct++;
    }
    return correct / this.size;
  }
}
