import { describe, expect, it, vi } from 'vitest';
import type { FrameEvent } from '../../core/embed/protocol.ts';
import { defaultScene } from '../../core/scene/scene.ts';
import type { FrameScheduler } from '../../playback/frameLoop.ts';
import { SimulationController } from '../../playback/simulationController.ts';
import { createAppStore } from '../../state/store.ts';
import { connectEmbedBridge } from './bridge.ts';

/** The frame's window and its parent, as far as the bridge uses them. */
function setUp() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const self = {
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) =>
      listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: MessageEvent) => void) =>
      listeners.delete(listener),
  } as unknown as Window;
  const sent: FrameEvent[] = [];
  const host = { postMessage: (event: FrameEvent) => sent.push(event) } as unknown as Window;
  const stranger = {} as Window;
  const scheduler: FrameScheduler = { request: () => 0, cancel: () => {} };
  const store = createAppStore({ ...defaultScene(), steps: 50 });
  store.getState().pause();
  const controller = new SimulationController(store, scheduler);
  const bridge = connectEmbedBridge({ store, controller, self, host });
  const deliver = (data: unknown, source: Window = host) => {
    for (const listener of listeners) listener({ data, source } as MessageEvent);
  };
  return { store, controller, bridge, sent, deliver, stranger, listeners };
}

describe('connectEmbedBridge', () => {
  it('says ready with the scene and the playback state', () => {
    const { sent } = setUp();
    expect(sent[0]).toEqual({
      type: 'descent-lab:ready',
      version: 1,
      scene: 'v=1&s=beale&steps=50',
      step: 0,
      stepBudget: 50,
      playing: false,
    });
  });

  it('runs commands from the embedding window only, and ignores junk', () => {
    const { store, controller, deliver, stranger } = setUp();
    deliver({ type: 'descent-lab:play' }, stranger);
    expect(store.getState().playing).toBe(false);
    deliver({ type: 'descent-lab:play' });
    expect(store.getState().playing).toBe(true);
    deliver({ type: 'descent-lab:step' });
    expect([store.getState().playing, controller.step]).toEqual([false, 1]);
    deliver({ type: 'descent-lab:reset' });
    expect(controller.step).toBe(0);
    const scene = store.getState().scene;
    for (const junk of [null, 'descent-lab:play', { type: 'descent-lab:nope' }, { type: 1 }]) {
      deliver(junk);
    }
    expect(store.getState().scene).toBe(scene);
    expect(store.getState().playing).toBe(false);
  });

  it('setScene validates objects and query strings like a URL, with notices', () => {
    const { store, deliver } = setUp();
    deliver({ type: 'descent-lab:setScene', scene: { surface: { id: 'booth' }, speed: 'fast' } });
    expect(store.getState().scene.surface).toEqual({ id: 'booth' });
    expect(store.getState().notices).toEqual([
      'speed must be a number from 1 to 1000 (got "fast"); used 60',
    ]);
    deliver({ type: 'descent-lab:setScene', scene: '?v=1&s=rosenbrock&runs=adam' });
    expect(store.getState().scene.surface).toEqual({ id: 'rosenbrock' });
    expect(store.getState().scene.runs.map((run) => run.label)).toEqual(['Adam']);
    expect(store.getState().notices).toEqual([]);
  });

  it('setScene with a typed formula applies once the expression language has loaded', async () => {
    const { store, deliver } = setUp();
    deliver({ type: 'descent-lab:setScene', scene: { surface: { expression: 'x^2 + y^2' } } });
    await vi.waitFor(() =>
      expect(store.getState().scene.surface).toEqual({ expression: 'x^2 + y^2' }),
    );
    deliver({ type: 'descent-lab:setScene', scene: '?v=1&f=x%5E%5E2' });
    await vi.waitFor(() => expect(store.getState().scene.surface).toEqual({ id: 'beale' }));
    expect(store.getState().notices).toEqual([
      'surface.expression: expected a number, x, y or "(" at 3; used the default surface',
    ]);
  });

  it('sends a height only when it changes, and stops listening on disconnect', () => {
    const { bridge, sent, listeners } = setUp();
    bridge.sendHeight(400);
    bridge.sendHeight(400);
    bridge.sendHeight(420);
    expect(sent.filter((event) => event.type === 'descent-lab:height')).toEqual([
      { type: 'descent-lab:height', height: 400 },
      { type: 'descent-lab:height', height: 420 },
    ]);
    bridge.disconnect();
    expect(listeners.size).toBe(0);
  });
});
