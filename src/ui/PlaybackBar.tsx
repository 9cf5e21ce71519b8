import { useCallback, useRef } from 'react';
import type { FrameState } from '../playback/simulationController.ts';
import { useActions, useApp, useServices } from './appContext.ts';
import { setText, useTick } from './useTick.ts';
import { countRender } from './renderCount.ts';

const SPEED_EXPONENT_MAX = 3; // 10^3 = 1,000 steps per second

/** Slider position (0–300) ↔ steps per second (1–1,000) on a log scale. */
function speedToSlider(speed: number): number {
  return Math.round((Math.log10(speed) / SPEED_EXPONENT_MAX) * 300);
}
function sliderToSpeed(position: number): number {
  const speed = 10 ** ((position / 300) * SPEED_EXPONENT_MAX);
  return speed < 10 ? Math.round(speed * 10) / 10 : Math.round(speed);
}

/** Play/Pause, as the full bar and the embed's strip both show it. */
export function PlayPauseButton() {
  const actions = useActions();
  const playing = useApp((s) => s.playing);
  return (
    <button
      type="button"
      className="icon-button primary"
      onClick={actions.togglePlay}
      aria-label={playing ? 'Pause' : 'Play'}
      title={playing ? 'Pause (Space)' : 'Play (Space)'}
    >
      {playing ? '❚❚' : '▶'}
    </button>
  );
}

export function ResetButton() {
  const actions = useActions();
  return (
    <button
      type="button"
      className="icon-button"
      onClick={actions.reset}
      aria-label="Reset"
      title="Reset to step 0 (R)"
    >
      ↺
    </button>
  );
}

/** "Step 12 / 1000", written through a ref a few times a second while playing. */
export function StepCounter() {
  countRender('StepCounter');
  const counter = useRef<HTMLSpanElement>(null);
  const onTick = useCallback((frame: FrameState) => {
    setText(counter.current, `Step ${frame.step} / ${frame.simulation.stepBudget}`);
  }, []);
  useTick(onTick);
  return (
    <span className="step-counter" ref={counter} aria-live="off" data-testid="step-counter">
      Step 0
    </span>
  );
}

export function PlaybackBar() {
  countRender('PlaybackBar');
  const { controller } = useServices();
  const actions = useActions();
  const speed = useApp((s) => s.scene.speed);
  const timeline = useRef<HTMLInputElement>(null);

  const onTick = useCallback((frame: FrameState) => {
    const budget = frame.simulation.stepBudget;
    const slider = timeline.current;
    if (slider) {
      if (slider.max !== String(budget)) slider.max = String(budget);
      if (slider.value !== String(frame.step)) slider.value = String(frame.step);
      slider.setAttribute('aria-valuetext', `step ${frame.step} of ${budget}`);
    }
  }, []);
  useTick(onTick);

  return (
    <div className="playback" role="group" aria-label="Playback">
      <PlayPauseButton />
      <button
        type="button"
        className="icon-button"
        onClick={() => controller.stepBack()}
        aria-label="Step back"
        title="Step back (←)"
      >
        ◀︎❙
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => controller.stepForward()}
        aria-label="Step forward"
        title="Step forward (→)"
      >
        ❙▶︎
      </button>
      <ResetButton />
      <StepCounter />
      <input
        ref={timeline}
        className="timeline"
        type="range"
        min={0}
        max={controller.stepBudget}
        defaultValue={0}
        aria-label="Timeline"
        onInput={(event) => {
          actions.pause();
          controller.seek(Number(event.currentTarget.value));
        }}
      />
      <label className="speed">
        <span>Speed</span>
        <input
          type="range"
          min={0}
          max={300}
          value={speedToSlider(speed)}
          aria-label="Speed"
          aria-valuetext={`${speed} steps per second`}
          onChange={(event) => actions.setSpeed(sliderToSpeed(Number(event.currentTarget.value)))}
        />
        <output>{speed} steps/s</output>
      </label>
    </div>
  );
}
