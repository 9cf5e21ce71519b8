import { describe, expect, it } from 'vitest';
import { defaultScene } from '../core/scene/scene.ts';
import { defaultNetworkSpec } from '../core/nn/spec.ts';
import { isDeliberate } from './urlSync.ts';

describe('isDeliberate: which scene changes get their own history entry', () => {
  const scene = defaultScene();

  it('another surface, other starts, and opening or closing the network view', () => {
    expect(isDeliberate(scene, { ...scene, surface: { id: 'rosenbrock' } })).toBe(true);
    expect(isDeliberate(scene, { ...scene, starts: { kind: 'grid', count: 5 } })).toBe(true);
    const network = { ...scene, network: defaultNetworkSpec() };
    expect(isDeliberate(scene, network)).toBe(true);
    expect(isDeliberate(network, scene)).toBe(true);
    expect(
      isDeliberate(network, { ...scene, network: { ...defaultNetworkSpec(), dataset: 'xor' } }),
    ).toBe(true);
  });

  it('not a learning rate, the noise or the network’s noise (slider drags replace the entry)', () => {
    expect(isDeliberate(scene, { ...scene, noise: 0.5 })).toBe(false);
    const network = { ...scene, network: defaultNetworkSpec() };
    expect(
      isDeliberate(network, { ...network, network: { ...defaultNetworkSpec(), noise: 0.3 } }),
    ).toBe(false);
  });
});
