import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { FrameState } from '../../playback/simulationController.ts';
import { useApp, useServices } from '../appContext.ts';
import { useRunNames } from '../useRunNames.ts';
import { openOptimizerCard } from '../optimizerCard/cardState.ts';
import { RunMarker } from '../RunMarker.tsx';
import { setText, useTick } from '../useTick.ts';
import { useSteadyHeight } from '../useSteadyHeight.ts';
import { bindingText, parseCaption, type Binding } from './captions.ts';
import { chapter as chapterAt, CHAPTERS } from './chapters.ts';
import { LESSON_COUNT, useLessonActions, useTour } from './lessonActions.ts';
import './lessons.css';
import { countRender } from '../renderCount.ts';

/**
 * One sentence whose numbers and outcomes are live: React renders the words once, and each binding
 * is a span whose text the tick listener writes (only when it changed, a few times a second).
 */
function LiveCaption({ template }: { template: string }) {
  countRender('LiveCaption');
  const parts = useMemo(() => parseCaption(template), [template]);
  const spans = useRef<(HTMLSpanElement | null)[]>([]);
  const onTick = useCallback(
    (frame: FrameState) => {
      parts.forEach((part, i) => {
        if (typeof part !== 'string') setText(spans.current[i], bindingText(part, frame));
      });
    },
    [parts],
  );
  useTick(onTick);
  return (
    <p className="lesson-caption">
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <BindingSpan
            key={i}
            binding={part}
            spanRef={(element) => {
              spans.current[i] = element;
            }}
          />
        ),
      )}
    </p>
  );
}

function BindingSpan({
  binding,
  spanRef,
}: {
  binding: Binding;
  spanRef: (element: HTMLSpanElement | null) => void;
}) {
  const isLabel = binding.name === 'label' && binding.run !== null;
  return (
    <>
      {isLabel && <RunMarker index={binding.run!} size={18} />}
      <span
        ref={spanRef}
        className={isLabel ? 'live live-label' : 'live'}
        data-binding={`${binding.name}${binding.run === null ? '' : ` ${binding.run + 1}`}`}
      />
    </>
  );
}

/** The tour: one chapter at a time, with live captions, "try this" buttons and optimizer cards. */
export default function LessonPanel() {
  const lessons = useLessonActions();
  const { controller } = useServices();
  const number = useTour((s) => s.chapter);
  const tried = useTour((s) => s.tried);
  const chapter = chapterAt(number);
  const surfaceRef = useApp((s) => s.scene.surface);
  const runs = useRunNames();
  const body = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const live = useRef<HTMLElement>(null);
  // What follows "Right now" stays put while its numbers change (see useSteadyHeight).
  useSteadyHeight(live, number);

  // A new chapter starts at its top, and a screen reader hears its title.
  useEffect(() => {
    body.current?.scrollTo({ top: 0 });
    heading.current?.focus({ preventScroll: true });
  }, [number]);

  const networkOpen = useApp((s) => s.scene.network !== undefined);
  const onTopic = chapter.network
    ? networkOpen
    : !networkOpen && 'id' in surfaceRef && chapter.surfaces.includes(surfaceRef.id);
  return (
    <aside className="lesson-panel" aria-labelledby="lesson-heading" data-testid="lesson-panel">
      <header className="lesson-header">
        <p className="lesson-kicker">
          Chapter {number} of {LESSON_COUNT} · {chapter.challenge}
        </p>
        <button
          type="button"
          className="small-button lesson-close"
          onClick={lessons.closeLessons}
          aria-label="Close lessons"
          title="Close the tour (the scene stays)"
        >
          ✕
        </button>
        <h2 id="lesson-heading" ref={heading} tabIndex={-1}>
          {chapter.title}
        </h2>
      </header>
      <section className="lesson-live" aria-labelledby="lesson-live-heading" ref={live}>
        <h3 id="lesson-live-heading">Right now</h3>
        {!onTopic && (
          <p className="lesson-off-topic">
            {chapter.network
              ? 'This chapter is about a real network, in the network view.'
              : networkOpen
                ? 'This chapter is about a surface, not the network view.'
                : `This chapter is about another surface than ${controller.surface.name}.`}{' '}
            <button type="button" onClick={() => void lessons.restartLesson()}>
              Back to the chapter’s scene
            </button>
          </p>
        )}
        {chapter.captions.map((template) => (
          <LiveCaption key={template} template={template} />
        ))}
      </section>
      <div className="lesson-body" ref={body}>
        {chapter.text.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <section className="lesson-tries" aria-labelledby="lesson-tries-heading">
          <h3 id="lesson-tries-heading">Try this</h3>
          {chapter.tries.map((change, index) => (
            <button
              key={change.label}
              type="button"
              className="lesson-try"
              aria-pressed={tried === index}
              onClick={() => void lessons.tryThis(index)}
            >
              {change.label}
            </button>
          ))}
          {tried !== null && chapter.tries[tried] && (
            <p className="lesson-note" role="status">
              {chapter.tries[tried].note}
            </p>
          )}
          <button
            type="button"
            className="lesson-restart"
            onClick={() => void lessons.restartLesson()}
          >
            ↺ Restart the chapter’s scene
          </button>
        </section>
        <section className="lesson-cards" aria-labelledby="lesson-cards-heading">
          <h3 id="lesson-cards-heading">How they work</h3>
          {runs.map(({ id, label }, index) => (
            <button key={id} type="button" onClick={() => openOptimizerCard(id)}>
              <RunMarker index={index} size={18} /> How {label} works
            </button>
          ))}
        </section>
      </div>
      <footer className="lesson-footer">
        <button
          type="button"
          onClick={() => void lessons.previousLesson()}
          disabled={number <= 1}
          aria-label="Previous chapter"
        >
          ←
        </button>
        <nav className="lesson-chapters" aria-label="Chapters">
          {CHAPTERS.map((each) => (
            <button
              key={each.number}
              type="button"
              aria-current={each.number === number ? 'step' : undefined}
              aria-label={`Chapter ${each.number}: ${each.challenge}`}
              title={each.challenge}
              onClick={() => void lessons.openLesson(each.number)}
            >
              {each.number}
              <span className="chapter-name" aria-hidden="true">
                {each.shortChallenge ?? each.challenge}
              </span>
            </button>
          ))}
        </nav>
        <button
          type="button"
          className="primary"
          onClick={() => void lessons.nextLesson()}
          disabled={number >= LESSON_COUNT}
          aria-label="Next chapter"
        >
          Next →
        </button>
      </footer>
    </aside>
  );
}
