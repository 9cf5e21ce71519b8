/**
 * The embed's own query keys, beside the scene's: `?embed=1&controls=0&autoplay=0&theme=dark&graph=1`
 * plus the scene keys (url.ts) that say what is shown. Unknown or malformed values take the default:
 * a frame always shows something sensible.
 */
export type EmbedTheme = 'light' | 'dark';

export interface EmbedOptions {
  /** The control strip (Play/Pause, Reset, step counter). */
  controls: boolean;
  /** Starts playing on load; false starts paused at step 0. */
  autoplay: boolean;
  theme: EmbedTheme;
  /** The loss chart under the plot (`graph`, since `chart` is the scene's chart metric). */
  graph: boolean;
}

export const DEFAULT_EMBED_OPTIONS: Readonly<EmbedOptions> = {
  controls: true,
  autoplay: true,
  theme: 'light',
  graph: false,
};

/** Query keys that belong to the embed, not to the scene. */
export const EMBED_KEYS = ['embed', 'controls', 'autoplay', 'theme', 'graph'] as const;

function params(search: string): URLSearchParams {
  return new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
}

/** True when the page address asks for embed mode (`embed=1`). */
export function isEmbedQuery(search: string): boolean {
  return params(search).get('embed') === '1';
}

function flag(value: string | null, fallback: boolean): boolean {
  if (value === '1') return true;
  if (value === '0') return false;
  return fallback;
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const query = params(search);
  const theme = query.get('theme');
  return {
    controls: flag(query.get('controls'), DEFAULT_EMBED_OPTIONS.controls),
    autoplay: flag(query.get('autoplay'), DEFAULT_EMBED_OPTIONS.autoplay),
    theme: theme === 'dark' || theme === 'light' ? theme : DEFAULT_EMBED_OPTIONS.theme,
    graph: flag(query.get('graph'), DEFAULT_EMBED_OPTIONS.graph),
  };
}

/** `embed=1` and the options that differ from the defaults, as query pairs. */
export function encodeEmbedOptions(options: EmbedOptions): string {
  const pairs = ['embed=1'];
  if (options.controls !== DEFAULT_EMBED_OPTIONS.controls)
    pairs.push(`controls=${+options.controls}`);
  if (options.autoplay !== DEFAULT_EMBED_OPTIONS.autoplay)
    pairs.push(`autoplay=${+options.autoplay}`);
  if (options.theme !== DEFAULT_EMBED_OPTIONS.theme) pairs.push(`theme=${options.theme}`);
  if (options.graph !== DEFAULT_EMBED_OPTIONS.graph) pairs.push(`graph=${+options.graph}`);
  return pairs.join('&');
}

/** The query of the embed showing `sceneQuery` (an encoded scene, no "?") with `options`. */
export function embedQuery(sceneQuery: string, options: EmbedOptions): string {
  return `?${encodeEmbedOptions(options)}&${sceneQuery}`;
}
