import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SimulationController } from '../playback/simulationController.ts';
import type { AppActions, AppState, AppStore } from '../state/store.ts';

export interface AppServices {
  store: AppStore;
  controller: SimulationController;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('AppContext is missing');
  return services;
}

/** Reads slow state from the store; components re-render only when the selected value changes. */
export function useApp<T>(selector: (state: AppState & AppActions) => T): T {
  return useStore(useServices().store, selector);
}

export function useActions(): AppActions {
  return useServices().store.getState();
}
