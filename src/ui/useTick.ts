import { useLayoutEffect } from 'react';
import { TICK_LANE, type TickLane, type TickListener } from '../playback/simulationController.ts';
import { useServices } from './appContext.ts';

/**
 * Runs `listener` on every drawn frame, for text that changes per frame (step, loss). The listener
 * writes through refs; React does not re-render. Subscribed in a layout effect: a passive effect's
 * cleanup runs after the next paint, so a frame in between would call the listener of a component
 * already gone, its refs null (Preact does so; React may). `lane`: see TICK_LANES.
 */
export function useTick(listener: TickListener, lane: TickLane = TICK_LANE.text): void {
  const { controller } = useServices();
  useLayoutEffect(() => controller.onTick(listener, lane), [controller, listener, lane]);
}

/**
 * Sets an element's text only when it changed, so the DOM is touched a few times a second at most.
 * A lone text child is edited in place: replacing the node would make the browser rebuild its
 * layout objects on every update.
 */
export function setText(element: HTMLElement | null, text: string): void {
  if (!element || element.textContent === text) return;
  const only = element.firstChild;
  if (only instanceof Text && only === element.lastChild) only.data = text;
  else element.textContent = text;
}
