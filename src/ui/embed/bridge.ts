/**
 * The embed's side of the postMessage API (core/embed/protocol.ts has the message shapes).
 *
 * Origin policy: commands are accepted from any origin, but only from the window that embeds this
 * frame (`event.source === window.parent`). That is safe because a command can do nothing the
 * frame's own buttons cannot (play, pause, reset, step, load a scene through the validator), and a
 * host is free to put any scene in the iframe's URL anyway. Events go to the parent with target
 * origin "*": they carry only the step counter, the playing flag, the frame's height and the scene's
 * query string — which the host chose or can read from the iframe's src — nothing private.
 */
import {
  EMBED_PROTOCOL_VERSION,
  parseHostCommand,
  STEP_EVENTS_PER_SECOND,
  Throttle,
  type FrameEvent,
  type HostCommand,
  type PlaybackStatus,
} from '../../core/embed/protocol.ts';
import { loadMissing } from '../../core/onDemand.ts';
import { partsToValidate, validateScene } from '../../core/scene/scene.ts';
import { decodeScene, encodeScene, partsToDecode } from '../../core/scene/url.ts';
import type { SimulationController } from '../../playback/simulationController.ts';
import type { AppStore } from '../../state/store.ts';

export interface EmbedBridgeOptions {
  store: AppStore;
  controller: SimulationController;
  /** The frame's own window (listens for messages). */
  self: Window;
  /** The embedding window (receives events; the only accepted source of commands). */
  host: Window;
}

function status(store: AppStore, controller: SimulationController): PlaybackStatus {
  return {
    step: controller.step,
    stepBudget: controller.stepBudget,
    playing: store.getState().playing,
  };
}

export function runHostCommand(
  command: HostCommand,
  store: AppStore,
  controller: SimulationController,
): void {
  const actions = store.getState();
  switch (command.type) {
    case 'descent-lab:play':
      return actions.play();
    case 'descent-lab:pause':
      return actions.pause();
    case 'descent-lab:reset':
      return actions.reset();
    case 'descent-lab:step':
      return controller.stepForward();
    case 'descent-lab:setScene': {
      const input = command.scene;
      const load = () => {
        const { scene, notices } =
          typeof input === 'string' ? decodeScene(input) : validateScene(input);
        void actions.loadScene(scene, notices);
      };
      // A typed formula or an experiment waits for its part of the core, which loads on demand.
      const loading = loadMissing(
        typeof input === 'string' ? partsToDecode(input) : partsToValidate(input),
      );
      return loading ? void loading.then(load) : load();
    }
  }
}

/**
 * Starts answering the host: sends `ready`, then throttled `step` events, and runs the commands the
 * host sends. Returns the function that stops it. `sendHeight` is for the caller's resize observer.
 */
export function connectEmbedBridge({ store, controller, self, host }: EmbedBridgeOptions): {
  sendHeight(height: number): void;
  disconnect(): void;
} {
  const post = (event: FrameEvent) => host.postMessage(event, '*');
  const onMessage = (event: MessageEvent) => {
    if (event.source !== host) return;
    const command = parseHostCommand(event.data);
    if (command) runHostCommand(command, store, controller);
  };
  self.addEventListener('message', onMessage);

  let connected = true;
  let lastStatus = '';
  const stepEvents = new Throttle(
    () => {
      if (!connected) return; // a trailing event scheduled before disconnect
      const current = status(store, controller);
      const key = `${current.step}/${current.stepBudget}/${current.playing}`;
      if (key === lastStatus) return;
      lastStatus = key;
      post({ type: 'descent-lab:step', ...current });
    },
    STEP_EVENTS_PER_SECOND,
    () => performance.now(),
    (callback, ms) => setTimeout(callback, ms),
  );
  const stopTicks = controller.onTick(() => stepEvents.poke());
  const stopPlaying = store.subscribe(
    (state) => state.playing,
    () => stepEvents.poke(),
  );

  post({
    type: 'descent-lab:ready',
    version: EMBED_PROTOCOL_VERSION,
    scene: encodeScene(store.getState().scene),
    ...status(store, controller),
  });

  let lastHeight = -1;
  return {
    sendHeight(height) {
      if (height === lastHeight) return;
      lastHeight = height;
      post({ type: 'descent-lab:height', height });
    },
    disconnect() {
      connected = false;
      self.removeEventListener('message', onMessage);
      stopTicks();
      stopPlaying();
    },
  };
}
