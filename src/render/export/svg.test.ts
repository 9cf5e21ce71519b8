import { describe, expect, it } from 'vitest';
import { resolveRun, resolveSurface } from '../../core/scene/resolve.ts';
import { defaultScene, resolveStarts, runFromPreset, type Scene } from '../../core/scene/scene.ts';
import { Simulation } from '../../core/sim/simulation.ts';
import { computeContours } from '../../core/contours/compute.ts';
import { Viewport } from '../viewport.ts';
import type { ExportPlot } from './plotPainter.ts';
import { plotToSvg } from './svg.ts';

function plotOf(scene: Scene, width: number, height: number, step: number): ExportPlot {
  const surface = resolveSurface(scene.surface).surface;
  const viewport = new Viewport(surface.view, width, height);
  const simulation = new Simulation({
    surface: surface.functions,
    runs: scene.runs.map(resolveRun),
    starts: resolveStarts(scene.starts, surface.view, scene.seed),
    noise: { sigma: 0, seed: 1 },
    steps: scene.steps,
  });
  simulation.advanceTo(step);
  const contours = computeContours({
    surface: surface.source,
    extent: viewport.extent,
    width: 60,
    height: 40,
    scale: 'auto',
  });
  if (!contours.ok) throw new Error(contours.error);
  return { surface, scene, simulation, viewport, bands: contours.bands };
}

/**
 * A strict check of XML well-formedness for what an SVG writer produces: one root, every tag closed
 * in order, attributes quoted and unique, only the five predefined entities, no stray `<` or `&`.
 * Returns the element names in document order.
 */
function checkWellFormedXml(xml: string): string[] {
  const names: string[] = [];
  const open: string[] = [];
  let rest = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const checkText = (text: string) => {
    expect(text).not.toMatch(/</);
    expect(text.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/&/);
  };
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    if (lt < 0) {
      expect(rest.trim()).toBe('');
      break;
    }
    const text = rest.slice(0, lt);
    checkText(text);
    if (open.length === 0) expect(text.trim()).toBe('');
    rest = rest.slice(lt);
    const close = /^<\/([A-Za-z][\w:-]*)\s*>/.exec(rest);
    if (close) {
      expect(open.pop()).toBe(close[1]);
      rest = rest.slice(close[0].length);
      continue;
    }
    const tag = /^<([A-Za-z][\w:-]*)((?:\s+[A-Za-z][\w:-]*="[^"<]*")*)\s*(\/?)>/.exec(rest);
    if (!tag) throw new Error(`malformed tag at: ${rest.slice(0, 60)}`);
    const attributes = [...tag[2].matchAll(/([A-Za-z][\w:-]*)="([^"]*)"/g)];
    const attributeNames = attributes.map((a) => a[1]);
    expect(new Set(attributeNames).size).toBe(attributeNames.length);
    for (const [, , value] of attributes) checkText(value);
    if (open.length === 0) roots++;
    names.push(tag[1]);
    if (tag[3] !== '/') open.push(tag[1]);
    rest = rest.slice(tag[0].length);
  }
  expect(open).toEqual([]);
  expect(roots).toBe(1);
  return names;
}

describe('plotToSvg', () => {
  const scene: Scene = {
    ...defaultScene(),
    runs: [
      { ...runFromPreset('adam', 'r1'), label: 'Adam <fast> & "loud"' },
      runFromPreset('momentum', 'r2'),
      { ...runFromPreset('sgd', 'r3'), visible: false },
    ],
    steps: 300,
  };

  it('is a well-formed standalone SVG with bands, axes, one path per visible particle', () => {
    const svg = plotToSvg(plotOf(scene, 480, 320, 120), 120);
    const names = checkWellFormedXml(svg);
    expect(names[0]).toBe('svg');
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="480" height="320" viewBox="0 0 480 320"/,
    );
    const trails = /<g id="trails"[^>]*>(.*?)<\/g>\n/s.exec(svg)![1];
    expect(trails.match(/<path /g)).toHaveLength(2 * 2); // halo + colour, two runs
    expect(svg).toContain('<title>Adam &lt;fast&gt; &amp; &quot;loud&quot;</title>');
    expect(svg).toContain('step 120 / 300');
    expect((svg.match(/fill-rule="evenodd"/g) ?? []).length).toBeGreaterThan(5);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('ends each trail at the step asked for', () => {
    const plot = plotOf(scene, 400, 300, 200);
    // Adam's colour: a run's colour follows its optimizer.
    const points = (svg: string) =>
      (
        /<g stroke="#56B4E9"[^>]*><title>[^<]*<\/title>(?:<path d="([^"]*)"\/>)?/.exec(svg)![1] ??
        ''
      )
        .split(/(?=[ML])/)
        .filter(Boolean);
    expect(points(plotToSvg(plot, 0))).toHaveLength(0);
    expect(points(plotToSvg(plot, 50))).toHaveLength(51);
    const run = plot.simulation.runs[0];
    const last = points(plotToSvg(plot, 50)).at(-1)!.slice(1).split(' ').map(Number);
    expect(last[0]).toBeCloseTo(plot.viewport.toPixelX(run.positions.get(50, 0)), 1);
    expect(last[1]).toBeCloseTo(plot.viewport.toPixelY(run.positions.get(50, 1)), 1);
  });

  it('clips a diverging run to the picture: no coordinate far outside it', () => {
    const diverging: Scene = {
      ...scene,
      runs: [
        {
          ...runFromPreset('sgd', 'r1'),
          params: { ...runFromPreset('sgd', 'r1').params, lr: 100 },
        },
      ],
    };
    const plot = plotOf(diverging, 400, 300, 50);
    expect(plot.simulation.runs[0].divergedAt[0]).toBeGreaterThan(0);
    const svg = plotToSvg(plot, 50);
    const trails = /<g id="trails"[^>]*>(.*?)<\/g>\n/s.exec(svg)![1];
    const coordinates = [...trails.matchAll(/[ML](-?[\d.e+]+) (-?[\d.e+]+)/g)].flatMap((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(coordinates.length).toBeGreaterThan(0);
    for (const c of coordinates) {
      expect(c).toBeGreaterThanOrEqual(-20);
      expect(c).toBeLessThanOrEqual(420);
    }
  });
});
