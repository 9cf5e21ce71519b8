/** Test helpers: the tour driving a real store and controller, without a DOM. */
import type { FrameScheduler } from '../../playback/frameLoop.ts';
import { SimulationController } from '../../playback/simulationController.ts';
import { createAppStore } from '../../state/store.ts';
import type { CaptionFrame } from './captions.ts';
import { lessonActions } from './lessonActions.ts';

/** A window with just what the tour touches: the address and replaceState. */
export function fakeWindow(search = ''): Window {
  const location = { pathname: '/', search, hash: '' };
  const history = {
    state: null,
    replaceState(_state: unknown, _title: string, url: string) {
      location.search = url.slice(url.indexOf('?') >= 0 ? url.indexOf('?') : url.length);
    },
  };
  return { location, history } as unknown as Window;
}

/** The app as the page builds it, minus the DOM: a store, a controller stepped by hand, the tour. */
export function lessonApp(search = '') {
  const scheduler: FrameScheduler = { request: () => 0, cancel: () => {} };
  const store = createAppStore();
  const controller = new SimulationController(store, scheduler);
  const target = fakeWindow(search);
  const lessons = lessonActions(store, target);
  const frame = (): CaptionFrame => ({
    scene: store.getState().scene,
    simulation: controller.simulation,
    surface: controller.surface,
    step: controller.step,
  });
  return { store, controller, lessons, target, frame };
}
