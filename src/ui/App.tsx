import { useRef } from 'react';
import { RaceSummary } from './a11y/RaceSummary.tsx';
import { useActions, useApp, useServices } from './appContext.ts';
import { StartControls } from './basins/StartControls.tsx';
import { BatchSizeControl } from './distributed/BatchSizeControl.tsx';
import { CommunicationHost } from './distributed/CommunicationHost.tsx';
import { LessonsButton, LessonSlot } from './lessons/LessonEntry.tsx';
import { LabEntry } from './lab/LabEntry.tsx';
import { NetworkStage, SurfaceOnly } from './network/NetworkEntry.tsx';
import { LossChart } from './LossChart.tsx';
import { InspectorSidebar } from './inspector/InspectorSidebar.tsx';
import { TopBarMenu } from './mobile/TopBarMenu.tsx';
import { OptimizerCardHost } from './optimizerCard/OptimizerCardHost.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { PlotArea } from './PlotArea.tsx';
import { PresentationControls } from './presentation/PresentationControls.tsx';
import { usePresentation } from './presentation/usePresentation.ts';
import { countRender } from './renderCount.ts';
import { RunList } from './RunList.tsx';
import { Sidebar, SidebarToggle } from './Sidebar.tsx';
import { DisplayControls, NoiseControls } from './SceneControls.tsx';
import { TopBarActions } from './share/TopBarActions.tsx';
import { SurfacePicker } from './SurfacePicker.tsx';
import { shellSize } from './shellSizes.ts';
import { useElementSize } from './useElementSize.ts';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const { controller } = useServices();
  const surfaceError = useApp((s) => s.scene.surface) && controller.surfaceError;
  const actions = useActions();
  const all = surfaceError ? [surfaceError, ...notices] : notices;
  if (all.length === 0) return null;
  return (
    <div className="notices" role="status" aria-label="Notices">
      <ul>
        {all.map((notice, i) => (
          <li key={i}>{notice}</li>
        ))}
      </ul>
      <button
        type="button"
        className="small-button"
        onClick={actions.dismissNotices}
        aria-label="Dismiss notices"
      >
        ✕
      </button>
    </div>
  );
}

function SurfaceInfo() {
  const { controller } = useServices();
  const surface = useApp((s) => s.scene.surface) && controller.surface;
  return (
    <section className="surface-info" aria-label="About this surface">
      <h2>{surface.name}</h2>
      <p className="formula">
        f(x, y) = <code>{surface.formula}</code>
      </p>
      <p>{surface.blurb}</p>
    </section>
  );
}

/** The chart's height in px; shorter while presenting, where the plot gets the screen's height. */
const CHART_HEIGHT = 150;
const PRESENTING_CHART_HEIGHT = 120;

function Chart() {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box, shellSize('chart'));
  const height = usePresentation((s) => (s.presenting ? PRESENTING_CHART_HEIGHT : CHART_HEIGHT));
  // Rendered before its width is known, so the chart has its height in the first layout: mounted
  // a frame later, it shrank the plot, which redrew the contours and trails a second time.
  return (
    <div className="chart-box" ref={box}>
      <LossChart width={width} height={height} />
    </div>
  );
}

export function App() {
  countRender('App');
  useKeyboardShortcuts();
  return (
    <div className="app">
      <header className="topbar">
        <h1>Descent Lab</h1>
        <LessonsButton />
        <LabEntry />
        <SurfacePicker />
        <TopBarMenu>
          <DisplayControls />
          <TopBarActions />
          <PresentationControls />
        </TopBarMenu>
        <SidebarToggle />
      </header>
      <Notices />
      <main className="workspace">
        <LessonSlot />
        <section className="stage" aria-label="Plot">
          <NetworkStage>
            <PlotArea />
          </NetworkStage>
          <PlaybackBar />
          <SurfaceOnly>
            <Chart />
          </SurfaceOnly>
          <RaceSummary />
        </section>
        <Sidebar>
          <SurfaceOnly>
            <SurfaceInfo />
          </SurfaceOnly>
          {/* An update's anatomy and the start points are the 2D surface's, not the network's. */}
          <SurfaceOnly>
            <InspectorSidebar />
          </SurfaceOnly>
          <NoiseControls />
          <BatchSizeControl />
          <SurfaceOnly>
            <StartControls />
          </SurfaceOnly>
          <RunList />
          <CommunicationHost />
        </Sidebar>
      </main>
      <OptimizerCardHost />
    </div>
  );
}
