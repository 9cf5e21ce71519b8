import { describe, expect, it } from 'vitest';
import { decodeScene, encodeScene } from '../scene/url.ts';
import { defaultScene } from '../scene/scene.ts';
import {
  DEFAULT_EMBED_OPTIONS,
  embedQuery,
  encodeEmbedOptions,
  isEmbedQuery,
  parseEmbedOptions,
} from './options.ts';

describe('embed options', () => {
  it('isEmbedQuery: only embed=1', () => {
    expect(isEmbedQuery('?embed=1&s=booth')).toBe(true);
    expect(isEmbedQuery('s=booth&embed=1')).toBe(true);
    expect(isEmbedQuery('?embed=0')).toBe(false);
    expect(isEmbedQuery('?embedded=1')).toBe(false);
    expect(isEmbedQuery('')).toBe(false);
  });

  it('parseEmbedOptions: defaults for missing or malformed values', () => {
    expect(parseEmbedOptions('?embed=1')).toEqual(DEFAULT_EMBED_OPTIONS);
    expect(parseEmbedOptions('?embed=1&controls=no&theme=%3Cscript%3E&autoplay=2')).toEqual(
      DEFAULT_EMBED_OPTIONS,
    );
    expect(parseEmbedOptions('?embed=1&controls=0&autoplay=0&theme=dark&graph=1')).toEqual({
      controls: false,
      autoplay: false,
      theme: 'dark',
      graph: true,
    });
  });

  it('encodes only what differs from the defaults and reads back the same options', () => {
    expect(encodeEmbedOptions(DEFAULT_EMBED_OPTIONS)).toBe('embed=1');
    const options = { controls: false, autoplay: false, theme: 'dark', graph: true } as const;
    expect(encodeEmbedOptions(options)).toBe('embed=1&controls=0&autoplay=0&theme=dark&graph=1');
    expect(parseEmbedOptions(encodeEmbedOptions(options))).toEqual(options);
  });

  it('embedQuery keeps the scene readable by the scene codec', () => {
    const scene = { ...defaultScene(), surface: { id: 'rosenbrock' }, steps: 300 };
    const query = embedQuery(encodeScene(scene), { ...DEFAULT_EMBED_OPTIONS, theme: 'dark' });
    expect(query.startsWith('?embed=1&theme=dark&v=1')).toBe(true);
    expect(decodeScene(query)).toEqual({ scene, notices: [] });
  });
});
