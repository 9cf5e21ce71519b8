/**
 * Embed mode (`?embed=1`): the plot filling the frame, a minimal control strip, a link to the full
 * app, and the postMessage bridge. Loaded lazily: pages that are not embeds never download it.
 */
import { useEffect, useRef } from 'react';
import type { EmbedOptions } from '../../core/embed/options.ts';
import { encodeScene } from '../../core/scene/url.ts';
import { useApp, useServices } from '../appContext.ts';
import { Notices } from '../App.tsx';
import { LossChart } from '../LossChart.tsx';
import { PlayPauseButton, ResetButton, StepCounter } from '../PlaybackBar.tsx';
import { NetworkStage } from '../network/NetworkEntry.tsx';
import { PlotArea } from '../PlotArea.tsx';
import { useElementSize } from '../useElementSize.ts';
import { useKeyboardShortcuts } from '../useKeyboardShortcuts.ts';
import { connectEmbedBridge } from './bridge.ts';
import './embed.css';

/** Plot height the frame asks a host for, as a share of its width (16:10), within bounds. */
const PREFERRED_PLOT_ASPECT = 0.625;
const PREFERRED_PLOT_HEIGHT = [160, 720] as const;
/** The loss chart's height: a fifth of the frame, within bounds, so the plot keeps most of it. */
const GRAPH_SHARE = 0.2;
const GRAPH_HEIGHT = [44, 90] as const;

function graphHeight(frameHeight: number): number {
  const [min, max] = GRAPH_HEIGHT;
  return Math.round(Math.min(max, Math.max(min, frameHeight * GRAPH_SHARE)));
}

function OpenLink({ floating }: { floating: boolean }) {
  const sceneQuery = useApp((s) => encodeScene(s.scene));
  return (
    <a
      className={floating ? 'embed-open floating' : 'embed-open'}
      // This very page without the embed keys, whether it was loaded as a folder or as index.html.
      href={`${window.location.pathname}?${sceneQuery}`}
      target="_blank"
      rel="noopener"
      aria-label="Open in Descent Lab (new tab)"
    >
      <span className="embed-open-long">Open in </span>Descent Lab ↗
    </a>
  );
}

function EmbedControls() {
  return (
    <div className="embed-controls" role="group" aria-label="Playback">
      <PlayPauseButton />
      <ResetButton />
      <StepCounter />
      <OpenLink floating={false} />
    </div>
  );
}

function EmbedGraph({ height }: { height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  return (
    <div className="chart-box" ref={box}>
      {width > 0 && <LossChart width={width} height={height} />}
    </div>
  );
}

function usePostMessageBridge(root: React.RefObject<HTMLDivElement | null>) {
  const { store, controller } = useServices();
  useEffect(() => {
    const element = root.current;
    // Opened on its own (not in a frame) there is nobody to talk to.
    if (!element || window.parent === window) return;
    const bridge = connectEmbedBridge({ store, controller, self: window, host: window.parent });
    // The height a host should give the frame at its current width: the plot at 16:10 plus the
    // strip and chart, whose heights do not depend on the frame's.
    const stage = element.querySelector<HTMLElement>('.embed-stage')!;
    const measure = () => {
      const fixed = element.clientHeight - stage.clientHeight;
      const plot = Math.round(element.clientWidth * PREFERRED_PLOT_ASPECT);
      const [min, max] = PREFERRED_PLOT_HEIGHT;
      bridge.sendHeight(fixed + Math.min(max, Math.max(min, plot)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      bridge.disconnect();
    };
  }, [store, controller, root]);
}

export default function EmbedApp({ options }: { options: EmbedOptions }) {
  useKeyboardShortcuts();
  const root = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(root);
  usePostMessageBridge(root);
  useEffect(() => {
    document.documentElement.classList.add('embed-mode');
    return () => document.documentElement.classList.remove('embed-mode');
  }, []);
  return (
    <div className="embed" role="main" data-theme={options.theme} ref={root}>
      <Notices />
      <section className="embed-stage" aria-label="Plot">
        <NetworkStage>
          <PlotArea />
        </NetworkStage>
        {!options.controls && <OpenLink floating />}
      </section>
      {options.graph && height > 0 && <EmbedGraph height={graphHeight(height)} />}
      {options.controls && <EmbedControls />}
    </div>
  );
}
