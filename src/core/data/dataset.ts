/**
 * Surfaces made from data: f(x, y) is the mean loss of a two-parameter model over a fixed set of
 * samples, so the plot shows what training a (tiny) model really looks like. Both built-in models
 * predict z = x·uᵢ + y from a feature uᵢ — x is the weight w, y the bias b — and differ only in the
 * per-sample loss ℓ(z, tᵢ). Everything follows from ℓ and its first two derivatives:
 *   f = (1/N) Σ ℓ(zᵢ, tᵢ),   ∇f = (1/N) Σ ℓ′(zᵢ, tᵢ)·(uᵢ, 1),   ∇²f = (1/N) Σ ℓ″(zᵢ, tᵢ)·[[uᵢ², uᵢ], [uᵢ, 1]].
 * A minibatch gradient is the same mean over a subset of the samples.
 */
import type { Surface, SurfaceFunctions } from '../surfaces/types.ts';

/**
 * The derivatives of one sample's loss ℓ(z, t) in the prediction z, which minibatch gradients and
 * the Hessian are built from. (Each model writes its full-data value and gradient by hand: they run
 * for every particle at every step, so they are worth a tight, monomorphic loop.)
 */
export interface SampleLoss {
  /** ∂ℓ/∂z. */
  slope(z: number, target: number): number;
  /** ∂²ℓ/∂z². */
  curvature(z: number, target: number): number;
}

export interface Dataset {
  /** Number of samples N. */
  readonly size: number;
  /** The feature uᵢ of each sample. */
  readonly inputs: Float64Array;
  /** The target tᵢ of each sample (a number, or a 0/1 label). */
  readonly targets: Float64Array;
  /**
   * The mean gradient over the samples `indices[start … start + count)` at (x, y), written to
   * out[offset] and out[offset + 1]. Allocation-free, for the simulation's hot loop.
   */
  batchGradient(
    x: number,
    y: number,
    indices: Int32Array,
    start: number,
    count: number,
    out: Float64Array,
    offset: number,
  ): void;
}

/** A built-in surface whose value is the mean loss over `dataset`. */
export interface DatasetSurface extends Surface {
  readonly dataset: Dataset;
}

/** The dataset behind a surface, or null for surfaces that are plain formulas. */
export function datasetOf(surface: SurfaceFunctions): Dataset | null {
  const candidate = (surface as Partial<DatasetSurface>).dataset;
  return candidate === undefined ? null : candidate;
}

/** The dataset of the model z = x·u + y, with minibatch gradients from ℓ′ = `slope`. */
export function linearModelDataset(
  inputs: Float64Array,
  targets: Float64Array,
  { slope }: Pick<SampleLoss, 'slope'>,
): Dataset {
  return Object.freeze({
    size: inputs.length,
    inputs,
    targets,
    batchGradient(
      x: number,
      y: number,
      indices: Int32Array,
      start: number,
      count: number,
      out: Float64Array,
      offset: number,
    ) {
      let gx = 0;
      let gy = 0;
      for (let j = start; j < start + count; j++) {
        const i = indices[j];
        const s = slope(x * inputs[i] + y, targets[i]);
        gx += s * inputs[i];
        gy += s;
      }
      out[offset] = gx / count;
      out[offset + 1] = gy / count;
    },
  });
}

/** The full-data Hessian (1/N) Σ ℓ″(zᵢ)·[[uᵢ², uᵢ], [uᵢ, 1]] of the model z = x·u + y. */
export function linearModelHessian(
  { inputs, targets, size }: Dataset,
  { curvature }: Pick<SampleLoss, 'curvature'>,
): SurfaceFunctions['hessian'] {
  return (x, y, out, offset) => {
    let hxx = 0;
    let hxy = 0;
    let hyy = 0;
    for (let i = 0; i < size; i++) {
      const u = inputs[i];
      const c = curvature(x * u + y, targets[i]);
      hxx += c * u * u;
      hxy += c * u;
      hyy += c;
    }
    out[offset] = hxx / size;
    out[offset + 1] = hxy / size;
    out[offset + 2] = hyy / size;
  };
}
