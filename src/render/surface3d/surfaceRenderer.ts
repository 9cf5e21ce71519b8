/**
 * The 3D view, drawn with WebGL2 directly. Chosen by measurement (README, "3D view"): this renderer
 * and its shaders are ≈ 6 KB gzip in their lazy chunk; twgl.js would add ≈ 7 KB for helpers this
 * needs three of; three.js, tree-shaken to a lit mesh and lines, ≈ 139 KB; regl compiles its
 * commands with `Function`, which the app's Content-Security-Policy (no eval) forbids.
 *
 * A Drawable of the one frame loop: it draws when the loop asks (a step, a camera move, a new mesh)
 * and owns no clock. Trails are kept per run in GPU buffers that only receive the points added since
 * the last frame; they are rebuilt on a rewind, a new simulation or a new mesh (heights change).
 */
import type { KnownMinimum } from '../../core/surfaces/types.ts';
import type { Run } from '../../core/sim/run.ts';
import { boxMapping, toBoxX, toBoxY, type BoxMapping } from '../../core/surface3d/box.ts';
import {
  BOX_HEIGHT,
  cameraFrame,
  viewProjection,
  type Camera,
} from '../../core/surface3d/camera.ts';
import { heightOf } from '../../core/surface3d/heightScale.ts';
import { VERTEX_FLOATS, type SurfaceMesh } from '../../core/surface3d/mesh.ts';
import type { Drawable, FrameState } from '../drawable.ts';
import { hexChannels, MARKER_SHAPES, runStyles, trailLook } from '../runStyle.ts';
import {
  FLAT_FRAGMENT,
  RIBBON_VERTEX,
  SPRITE_FRAGMENT,
  SPRITE_VERTEX,
  SURFACE_FRAGMENT,
  SURFACE_VERTEX,
} from './shaders.ts';

/**
 * While the camera moves, frames are drawn at this fraction of the resolution per axis (a quarter
 * of the pixels): software GL shades a full-size 200 × 200 mesh in ≈ 200 ms, too slow to follow a
 * drag. The full picture follows when the gesture ends.
 */
const INTERACTIVE_RESOLUTION = 0.5;

/** Trails drawn per run at most: beyond it (random starts by the thousand) only heads are drawn. */
export const TRAILS_PER_RUN = 20;
/** How far above the surface trails and markers float, in box units (never hidden by it). */
const LIFT = 0.015;
const BACKGROUND = [0.97, 0.97, 0.96, 1] as const;
/** Light from the upper left, behind the viewer's shoulder. */
const LIGHT = normalise([-0.45, -0.35, 0.82]);

function normalise(v: number[]): Float32Array {
  const length = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / length);
}

function colourOf(hex: string, alpha = 1): Float32Array {
  const [r, g, b] = hexChannels(hex);
  return Float32Array.of(r / 255, g / 255, b / 255, alpha);
}

type Uniforms = Record<string, WebGLUniformLocation | null>;

/** An offscreen colour + depth buffer pair, resized on demand. */
class RenderTarget {
  readonly framebuffer: WebGLFramebuffer;
  private readonly colour: WebGLRenderbuffer;
  private readonly depth: WebGLRenderbuffer;
  width = 0;
  height = 0;

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.framebuffer = gl.createFramebuffer();
    this.colour = gl.createRenderbuffer();
    this.depth = gl.createRenderbuffer();
  }

  fit(width: number, height: number): void {
    const { gl } = this;
    if (this.width === width && this.height === height) return;
    this.width = width;
    this.height = height;
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.colour);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, width, height);
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.depth);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.DEPTH_COMPONENT24, width, height);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.framebuffer);
    gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, this.colour);
    gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.DEPTH_ATTACHMENT, gl.RENDERBUFFER, this.depth);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  }

  /** Binds it for drawing, over its whole size. */
  use(): void {
    this.gl.bindFramebuffer(this.gl.FRAMEBUFFER, this.framebuffer);
    this.gl.viewport(0, 0, this.width, this.height);
  }
}

/**
 * Copies `from`'s colour (and depth, when `to` is a target of the same size) into `to` (null: the
 * canvas).
 */
function blit(
  gl: WebGL2RenderingContext,
  from: RenderTarget,
  to: RenderTarget | null,
  width: number,
  height: number,
  withDepth: boolean,
): void {
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, from.framebuffer);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, to ? to.framebuffer : null);
  const mask = gl.COLOR_BUFFER_BIT | (withDepth ? gl.DEPTH_BUFFER_BIT : 0);
  const filter =
    withDepth || (from.width === width && from.height === height) ? gl.NEAREST : gl.LINEAR;
  gl.blitFramebuffer(0, 0, from.width, from.height, 0, 0, width, height, mask, filter);
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
}

interface Program {
  program: WebGLProgram;
  uniforms: Uniforms;
  attributes: Record<string, number>;
}

function compile(gl: WebGL2RenderingContext, vertex: string, fragment: string): Program {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost())
      throw new Error(`3D shader: ${gl.getShaderInfoLog(shader)}`);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost())
    throw new Error(`3D program: ${gl.getProgramInfoLog(program)}`);
  const uniforms: Uniforms = {};
  const attributes: Record<string, number> = {};
  const uniformCount = gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS) as number;
  for (let i = 0; i < uniformCount; i++) {
    const name = gl.getActiveUniform(program, i)!.name;
    uniforms[name] = gl.getUniformLocation(program, name);
  }
  const attributeCount = gl.getProgramParameter(program, gl.ACTIVE_ATTRIBUTES) as number;
  for (let i = 0; i < attributeCount; i++) {
    const name = gl.getActiveAttrib(program, i)!.name;
    attributes[name] = gl.getAttribLocation(program, name);
  }
  return { program, uniforms, attributes };
}

/** One run's trail points on the GPU: TRAILS_PER_RUN particles × (steps + 1) points of x, y, h. */
interface TrailBuffer {
  run: Run;
  buffer: WebGLBuffer;
  particles: number;
  capacity: number;
  drawnStep: number;
}

export interface SurfaceViewOptions {
  camera: Camera;
  exaggeration: number;
  /** Only this run (a side-by-side panel); null for all visible runs. */
  runId: string | null;
  /** Marker and trail size factor (presentation mode draws larger). */
  scale: number;
}

export class SurfaceRenderer implements Drawable {
  private readonly gl: WebGL2RenderingContext;
  private readonly surfaceProgram: Program;
  private readonly ribbonProgram: Program;
  private readonly spriteProgram: Program;
  private readonly surfaceVao: WebGLVertexArrayObject;
  private readonly ribbonVao: WebGLVertexArrayObject;
  private readonly spriteVao: WebGLVertexArrayObject;
  private readonly vertexBuffer: WebGLBuffer;
  private readonly indexBuffer: WebGLBuffer;
  private readonly cornerBuffer: WebGLBuffer;
  private readonly spriteBuffer: WebGLBuffer;
  private readonly colourTexture: WebGLTexture;
  private mesh: SurfaceMesh | null = null;
  private box: BoxMapping | null = null;
  private minima: readonly KnownMinimum[] = [];
  private trails: TrailBuffer[] = [];
  private trailPoints = new Float32Array(0);
  private spritePoints = new Float32Array(0);
  private cssWidth = 1;
  private cssHeight = 1;
  private lost = false;
  /**
   * The surface alone, drawn once per camera, mesh and size: while the race plays, each frame copies
   * it (colour and depth) and draws only trails and heads over it. Shading the mesh is what costs.
   */
  private readonly surfaceTarget: RenderTarget;
  private surfaceValid = false;
  private readonly frameTarget: RenderTarget;
  private readonly interactiveTarget: RenderTarget;
  private interactive = false;
  /** The resolution factor of the frame the sprites are drawn into. */
  private spriteResolution = 1;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private options: SurfaceViewOptions,
  ) {
    // preserveDrawingBuffer: the PNG export and the tests read the picture after it was drawn.
    const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
    if (!gl) throw new Error('WebGL 2 is not available');
    this.gl = gl;
    canvas.addEventListener('webglcontextlost', this.onContextLost);
    this.surfaceProgram = compile(gl, SURFACE_VERTEX, SURFACE_FRAGMENT);
    this.ribbonProgram = compile(gl, RIBBON_VERTEX, FLAT_FRAGMENT);
    this.spriteProgram = compile(gl, SPRITE_VERTEX, SPRITE_FRAGMENT);
    this.vertexBuffer = gl.createBuffer();
    this.indexBuffer = gl.createBuffer();
    this.cornerBuffer = gl.createBuffer();
    this.spriteBuffer = gl.createBuffer();
    this.colourTexture = gl.createTexture();
    this.surfaceTarget = new RenderTarget(gl);
    this.frameTarget = new RenderTarget(gl);
    this.interactiveTarget = new RenderTarget(gl);

    this.surfaceVao = gl.createVertexArray();
    gl.bindVertexArray(this.surfaceVao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.vertexBuffer);
    const stride = VERTEX_FLOATS * 4;
    const layout: [string, number, number][] = [
      ['a_xy', 2, 0],
      ['a_height', 1, 2],
      ['a_slope', 2, 3],
      ['a_level', 1, 5],
      ['a_cut', 1, 6],
    ];
    for (const [name, size, offset] of layout) {
      const location = this.surfaceProgram.attributes[name];
      if (location === undefined || location < 0) continue;
      gl.enableVertexAttribArray(location);
      gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride, offset * 4);
    }
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.indexBuffer);

    this.ribbonVao = gl.createVertexArray();
    gl.bindVertexArray(this.ribbonVao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.cornerBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, Float32Array.of(0, -1, 0, 1, 1, -1, 1, 1), gl.STATIC_DRAW);
    const corner = this.ribbonProgram.attributes.a_corner;
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
    for (const name of ['a_from', 'a_to']) {
      gl.enableVertexAttribArray(this.ribbonProgram.attributes[name]);
      gl.vertexAttribDivisor(this.ribbonProgram.attributes[name], 1);
    }

    this.spriteVao = gl.createVertexArray();
    gl.bindVertexArray(this.spriteVao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.spriteBuffer);
    const position = this.spriteProgram.attributes.a_position;
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 3, gl.FLOAT, false, 0, 0);
    gl.bindVertexArray(null);
  }

  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.onContextLost);
    this.clearTrails();
    // Frees the GPU memory at once instead of when the canvas is collected.
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  /** Sizes the drawing buffer to CSS size × devicePixelRatio. */
  setSize(cssWidth: number, cssHeight: number, pixelRatio: number): void {
    this.cssWidth = Math.max(1, cssWidth);
    this.cssHeight = Math.max(1, cssHeight);
    const width = Math.max(1, Math.round(cssWidth * pixelRatio));
    const height = Math.max(1, Math.round(cssHeight * pixelRatio));
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    this.surfaceValid = false;
  }

  setOptions(options: SurfaceViewOptions): void {
    this.options = options;
    this.surfaceValid = false;
  }

  /** True while a gesture moves the camera: frames are drawn at reduced resolution. */
  setInteractive(interactive: boolean): void {
    this.interactive = interactive;
  }

  get currentMesh(): SurfaceMesh | null {
    return this.mesh;
  }

  /** A new surface picture: uploads it; the trails' heights follow on the next draw. */
  setMesh(mesh: SurfaceMesh, minima: readonly KnownMinimum[]): void {
    const { gl } = this;
    this.mesh = mesh;
    this.box = boxMapping(mesh.extent);
    this.minima = minima;
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.vertexBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, mesh.vertices, gl.STATIC_DRAW);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.indexBuffer);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, mesh.indices, gl.STATIC_DRAW);
    const colours = new Uint8Array(mesh.fillColours.length * 4);
    mesh.fillColours.forEach((hex, i) => {
      colours.set([...hexChannels(hex), 255], i * 4);
    });
    gl.bindTexture(gl.TEXTURE_2D, this.colourTexture);
    gl.texImage2D(
      gl.TEXTURE_2D,
      0,
      gl.RGBA8,
      mesh.fillColours.length,
      1,
      0,
      gl.RGBA,
      gl.UNSIGNED_BYTE,
      colours,
    );
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    this.clearTrails();
    this.surfaceValid = false;
  }

  draw(frame: FrameState): void {
    const { gl, mesh, canvas } = this;
    if (this.lost || gl.isContextLost()) return;
    gl.clearColor(...BACKGROUND);
    if (!mesh || !mesh.heightScale) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      return;
    }
    const top = BOX_HEIGHT * this.options.exaggeration;
    const matrix = viewProjection(
      cameraFrame(this.options.camera, top),
      this.cssWidth / this.cssHeight,
    );
    const runs = this.selectRuns(frame);
    if (this.interactive) {
      // Everything at reduced resolution, straight to the canvas; the cached surface is outdated.
      const low = this.interactiveTarget;
      low.fit(
        Math.max(1, Math.round(canvas.width * INTERACTIVE_RESOLUTION)),
        Math.max(1, Math.round(canvas.height * INTERACTIVE_RESOLUTION)),
      );
      low.use();
      this.drawSurface(matrix, top, mesh);
      this.drawRace(frame, runs, matrix, top, INTERACTIVE_RESOLUTION);
      blit(gl, low, null, canvas.width, canvas.height, false);
      this.surfaceValid = false;
      return;
    }
    if (!this.surfaceValid) {
      this.surfaceTarget.fit(canvas.width, canvas.height);
      this.surfaceTarget.use();
      this.drawSurface(matrix, top, mesh);
      this.surfaceValid = true;
    }
    this.frameTarget.fit(canvas.width, canvas.height);
    blit(gl, this.surfaceTarget, this.frameTarget, canvas.width, canvas.height, true);
    this.frameTarget.use();
    this.drawRace(frame, runs, matrix, top, 1);
    blit(gl, this.frameTarget, null, canvas.width, canvas.height, false);
  }

  /** Clears the bound target and draws the lit surface with its contour bands and lines. */
  private drawSurface(matrix: Float32Array, top: number, mesh: SurfaceMesh): void {
    const { gl } = this;
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    gl.enable(gl.DEPTH_TEST);
    gl.useProgram(this.surfaceProgram.program);
    const surface = this.surfaceProgram.uniforms;
    gl.uniformMatrix4fv(surface.u_matrix, false, matrix);
    gl.uniform1f(surface.u_top, top);
    gl.uniform1f(surface.u_bandCount, mesh.fillColours.length);
    gl.uniform3fv(surface.u_light, LIGHT);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.colourTexture);
    gl.uniform1i(surface.u_colours, 0);
    gl.bindVertexArray(this.surfaceVao);
    gl.drawElements(gl.TRIANGLES, mesh.indices.length, gl.UNSIGNED_INT, 0);
    gl.bindVertexArray(null);
  }

  /** Trails (depth-tested against the surface), then minima and heads on top. */
  private drawRace(
    frame: FrameState,
    runs: [Run, number][],
    matrix: Float32Array,
    top: number,
    resolution: number,
  ): void {
    const { gl } = this;
    gl.enable(gl.DEPTH_TEST);
    this.drawTrails(frame, runs, matrix, top, resolution);
    gl.disable(gl.DEPTH_TEST);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
    this.spriteResolution = resolution;
    this.drawMinima(matrix, top);
    this.drawHeads(frame, runs, matrix, top);
    gl.disable(gl.BLEND);
    gl.bindVertexArray(null);
  }

  /** [run, index in the scene] for the runs this view shows. */
  private selectRuns(frame: FrameState): [Run, number][] {
    const out: [Run, number][] = [];
    frame.scene.runs.forEach((sceneRun, index) => {
      const run = frame.simulation.runs[index];
      if (!run) return;
      const shown =
        this.options.runId === null ? sceneRun.visible : sceneRun.id === this.options.runId;
      if (shown) out.push([run, index]);
    });
    return out;
  }

  /** Box x, y and height 0..1 of a particle at a step (a far-off point stays far off, finite). */
  private lifted(run: Run, p: number, step: number, out: Float32Array, at: number): void {
    const box = this.box!;
    const s = Math.min(step, run.positions.steps - 1);
    const x = toBoxX(box, run.positions.get(s, 2 * p));
    const y = toBoxY(box, run.positions.get(s, 2 * p + 1));
    out[at] = Math.max(-1e6, Math.min(1e6, x));
    out[at + 1] = Math.max(-1e6, Math.min(1e6, y));
    out[at + 2] = heightOf(this.mesh!.heightScale!, run.losses.get(s, p));
  }

  private clearTrails(): void {
    for (const trail of this.trails) this.gl.deleteBuffer(trail.buffer);
    this.trails = [];
  }

  /** Brings each run's trail buffer up to `frame.step`, appending only what is new. */
  private updateTrails(frame: FrameState, runs: [Run, number][]): void {
    const { gl } = this;
    const budget = frame.simulation.stepBudget;
    const stale =
      frame.rebuilt ||
      this.trails.length !== runs.length ||
      this.trails.some(
        (trail, i) =>
          trail.run !== runs[i][0] || trail.drawnStep > frame.step || trail.capacity < budget + 1,
      );
    if (stale) this.clearTrails();
    runs.forEach(([run], i) => {
      let trail = this.trails[i];
      if (!trail) {
        const particles = Math.min(run.particles, TRAILS_PER_RUN);
        const buffer = gl.createBuffer();
        gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
        gl.bufferData(gl.ARRAY_BUFFER, particles * (budget + 1) * 12, gl.DYNAMIC_DRAW);
        trail = { run, buffer, particles, capacity: budget + 1, drawnStep: -1 };
        this.trails[i] = trail;
      }
      const last = Math.min(frame.step, run.positions.steps - 1);
      const first = trail.drawnStep + 1;
      if (last < first) return;
      const count = last - first + 1;
      if (this.trailPoints.length < count * 3) this.trailPoints = new Float32Array(count * 3);
      gl.bindBuffer(gl.ARRAY_BUFFER, trail.buffer);
      for (let p = 0; p < trail.particles; p++) {
        for (let s = first; s <= last; s++)
          this.lifted(run, p, s, this.trailPoints, (s - first) * 3);
        gl.bufferSubData(
          gl.ARRAY_BUFFER,
          (p * trail.capacity + first) * 12,
          this.trailPoints,
          0,
          count * 3,
        );
      }
      trail.drawnStep = last;
    });
  }

  private drawTrails(
    frame: FrameState,
    runs: [Run, number][],
    matrix: Float32Array,
    top: number,
    resolution: number,
  ) {
    const { gl } = this;
    this.updateTrails(frame, runs);
    const program = this.ribbonProgram;
    gl.useProgram(program.program);
    const u = program.uniforms;
    gl.uniformMatrix4fv(u.u_matrix, false, matrix);
    gl.uniform1f(u.u_top, top);
    gl.uniform1f(u.u_lift, LIFT);
    gl.uniform2f(u.u_half, this.box!.halfX, this.box!.halfY);
    gl.uniform2f(u.u_viewport, this.canvas.width * resolution, this.canvas.height * resolution);
    gl.bindVertexArray(this.ribbonVao);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
    const styles = runStyles(frame.scene.runs);
    const pixelRatio = (this.canvas.width / this.cssWidth) * resolution;
    const from = program.attributes.a_from;
    const to = program.attributes.a_to;
    runs.forEach(([run, index], i) => {
      const trail = this.trails[i];
      const segments = trail.drawnStep;
      if (segments < 1) return;
      const look = trailLook(run.particles);
      const layers: [number, Float32Array][] = [
        [look.haloWidth, Float32Array.of(1, 1, 1, look.crowded ? 0 : 0.85)],
        [look.width, colourOf(styles[index].color, look.opacity)],
      ];
      gl.bindBuffer(gl.ARRAY_BUFFER, trail.buffer);
      for (const [layer, [width, colour]] of layers.entries()) {
        if (colour[3] === 0) continue;
        // Only the coloured layer writes depth: the halo must never hide its own trail.
        gl.depthMask(layer === layers.length - 1);
        gl.uniform1f(u.u_width, width * this.options.scale * pixelRatio);
        gl.uniform4fv(u.u_colour, colour);
        for (let p = 0; p < trail.particles; p++) {
          const offset = p * trail.capacity * 12;
          gl.vertexAttribPointer(from, 3, gl.FLOAT, false, 12, offset);
          gl.vertexAttribPointer(to, 3, gl.FLOAT, false, 12, offset + 12);
          gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, segments);
        }
      }
    });
    gl.depthMask(true);
    gl.disable(gl.BLEND);
  }

  private useSprites(matrix: Float32Array, top: number): Uniforms {
    const { gl } = this;
    gl.useProgram(this.spriteProgram.program);
    const u = this.spriteProgram.uniforms;
    gl.uniformMatrix4fv(u.u_matrix, false, matrix);
    gl.uniform1f(u.u_top, top);
    gl.uniform1f(u.u_lift, LIFT * 1.5);
    gl.uniform2f(u.u_half, this.box!.halfX, this.box!.halfY);
    gl.bindVertexArray(this.spriteVao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.spriteBuffer);
    return u;
  }

  private drawSprites(
    u: Uniforms,
    points: Float32Array,
    count: number,
    look: {
      size: number;
      shape: number;
      colour: Float32Array;
      outline: Float32Array;
    },
  ): void {
    const { gl } = this;
    const pixelRatio = (this.canvas.width / this.cssWidth) * this.spriteResolution;
    gl.bufferData(gl.ARRAY_BUFFER, points.subarray(0, count * 3), gl.STREAM_DRAW);
    gl.uniform1f(u.u_size, look.size * pixelRatio);
    gl.uniform1f(u.u_border, Math.min(0.45, (1.6 * pixelRatio) / ((look.size * pixelRatio) / 2)));
    gl.uniform1i(u.u_shape, look.shape);
    gl.uniform4fv(u.u_colour, look.colour);
    gl.uniform4fv(u.u_outline, look.outline);
    gl.drawArrays(gl.POINTS, 0, count);
  }

  /** The known minima as crosses, the global one larger, like the 2D plot's. */
  private drawMinima(matrix: Float32Array, top: number): void {
    if (this.minima.length === 0) return;
    const u = this.useSprites(matrix, top);
    const box = this.box!;
    const points = new Float32Array(3);
    for (const minimum of this.minima) {
      points[0] = toBoxX(box, minimum.point[0]);
      points[1] = toBoxY(box, minimum.point[1]);
      points[2] = heightOf(this.mesh!.heightScale!, minimum.value);
      this.drawSprites(u, points, 1, {
        size: (minimum.global ? 20 : 13) * this.options.scale,
        shape: MARKER_SHAPES.indexOf('cross'),
        colour: Float32Array.of(0.07, 0.07, 0.07, 1),
        outline: Float32Array.of(1, 1, 1, 1),
      });
    }
  }

  /** Each run's particles at the current step, in its colour and marker shape. */
  private drawHeads(frame: FrameState, runs: [Run, number][], matrix: Float32Array, top: number) {
    const u = this.useSprites(matrix, top);
    const styles = runStyles(frame.scene.runs);
    for (const [run, index] of runs) {
      if (run.positions.steps === 0) continue;
      const needed = run.particles * 3;
      if (this.spritePoints.length < needed) this.spritePoints = new Float32Array(needed);
      for (let p = 0; p < run.particles; p++)
        this.lifted(run, p, frame.step, this.spritePoints, p * 3);
      const look = trailLook(run.particles);
      this.drawSprites(u, this.spritePoints, run.particles, {
        size: 2 * (look.markerRadius + 1) * this.options.scale,
        shape: MARKER_SHAPES.indexOf(styles[index].shape),
        colour: colourOf(styles[index].color),
        outline: Float32Array.of(1, 1, 1, look.crowded ? 0 : 1),
      });
    }
  }

  private readonly onContextLost = (event: Event) => {
    // The page stays usable; the 3D view stays blank until it is opened again.
    event.preventDefault();
    this.lost = true;
  };
}
