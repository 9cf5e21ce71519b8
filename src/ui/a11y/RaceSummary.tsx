import { useEffect, useRef } from 'react';
import { useServices } from '../appContext.ts';
import { countRender } from '../renderCount.ts';

/**
 * The race in words for screen readers: a polite live region, rewritten every few seconds while
 * playing and shortly after the run pauses or ends. Written through a ref, so React never re-renders.
 * The words come from raceNarrator.ts, loaded once the page is up; the first ones were a tick away.
 */
export function RaceSummary() {
  countRender('RaceSummary');
  const { store, controller } = useServices();
  const region = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let unmounted = false;
    void import('./raceNarrator.ts').then(({ narrateRace }) => {
      if (!unmounted && region.current) stop = narrateRace(store, controller, region.current);
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [store, controller]);
  return (
    <p
      className="visually-hidden"
      role="status"
      aria-label="Race summary"
      ref={region}
      data-testid="race-summary"
    />
  );
}
