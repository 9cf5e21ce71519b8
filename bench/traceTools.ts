/** Reading DevTools traces and sampled CPU profiles: shared by the benchmarks that record them. */
import type { CDPSession } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: on a machine shared with other work, steadier than wall time. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: unknown };
}

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'blink',
  'cc',
  'gpu',
  'blink.user_timing',
];

/** The trace events recorded while `during` runs (of `categories`: by default, what profiling needs). */
export async function collectTrace(
  cdp: CDPSession,
  during: () => Promise<void>,
  categories: string[] = CATEGORIES,
): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: categories },
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** Each thread's name, by "pid:tid". */
export function threadNamesOf(events: TraceEvent[]): Map<string, string> {
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name')
      threadNames.set(`${e.pid}:${e.tid}`, e.args!.name!);
  }
  return threadNames;
}

/** The events of the page's renderer main thread: the one that ran the most animation frames. */
export function rendererMainThread(events: TraceEvent[]): TraceEvent[] {
  const threadNames = threadNamesOf(events);
  const mainKeys = [...threadNames].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  const busiest = mainKeys
    .map((key) => ({
      key,
      frames: events.filter(
        (e) =>
          `${e.pid}:${e.tid}` === key &&
          (e.name === 'FireAnimationFrame' || e.name === 'ParseHTML'),
      ).length,
    }))
    .sort((a, b) => b.frames - a.frames)[0].key;
  return events.filter((e) => `${e.pid}:${e.tid}` === busiest);
}

/**
 * CPU self time per event name on one thread: each complete event's thread time minus its
 * children's. `counts` receives how many events of each name there were.
 */
export function selfTimes(events: TraceEvent[], counts: Map<string, number>): Map<string, number> {
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const totals = new Map<string, number>();
  const stack: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1].end <= until) {
      const done = stack.pop()!;
      counts.set(done.name, (counts.get(done.name) ?? 0) + 1);
      totals.set(done.name, (totals.get(done.name) ?? 0) + done.self);
    }
  };
  for (const span of spans) {
    close(span.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= span.tdur!;
    stack.push({ end: span.ts + span.dur!, name: span.name, self: span.tdur! });
  }
  close(Infinity);
  return totals;
}

/**
 * Each sample of a CPU profile: when (trace clock, µs), which function ran ("name file:line"), its
 * callers outermost first, and the sample's ms.
 */
export function profileSamples(
  profile: CpuProfile,
): { ts: number; key: string; stack: string[]; ms: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.split('/').pop() ?? '';
    return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
  };
  let ts = profile.startTime;
  return (profile.samples ?? []).map((id, i) => {
    const delta = profile.timeDeltas?.[i] ?? 0;
    ts += delta;
    const stack: string[] = [];
    for (let at = parents.get(id); at !== undefined; at = parents.get(at)) stack.unshift(keyOf(at));
    return { ts, key: keyOf(id), stack, ms: delta / 1000 };
  });
}
