/**
 * The 3D surface, drawn with WebGL2 directly. Chosen by measurement (README, "3D view"): this renderer
 * with its shaders is a few KB gzip in the 3D view's lazy chunk; twgl.js would add ≈ 7 KB for helpers
 * this needs three of; three.js, tree-shaken to a lit mesh and lines, ≈ 139 KB; regl compiles its
 * commands with `Function`, which the app's Content-Security-Policy (no eval) forbids.
 *
 * A Drawable of the one frame loop, but it draws only when the picture changed (camera, mesh, size):
 * with software GL every WebGL frame costs tens of milliseconds (shading, then the compositor reading
 * the canvas back), so the race is drawn over it on a 2D canvas (raceOverlay.ts) and a playing race
 * costs no GL frame at all.
 */
import {
  BOX_HEIGHT,
  cameraFrame,
  viewProjection,
  type Camera,
} from '../../core/surface3d/camera.ts';
import { coarseIndices, VERTEX_FLOATS, type SurfaceMesh } from '../../core/surface3d/mesh.ts';
import type { Drawable } from '../drawable.ts';
import { hexChannels } from '../runStyle.ts';
import { SURFACE_FRAGMENT, SURFACE_VERTEX } from './shaders.ts';

/**
 * While the camera moves, the surface is drawn at this fraction of the resolution per axis, from a
 * coarse mesh of about COARSE_SAMPLES a side. Software GL's cost follows the triangle count: the
 * full 200 × 200 mesh takes ≈ 50–250 ms a frame on these machines, and the main thread waits for it
 * when the compositor reads the canvas back; the coarse one a fifth of that (bench:3d).
 */
const INTERACTIVE_RESOLUTION = 0.5;
const COARSE_SAMPLES = 70;
/**
 * The still picture is drawn this many triangles per frame into an offscreen target and shown when
 * complete, so no frame waits for the whole mesh: the last moving picture stays up meanwhile.
 */
const STILL_TRIANGLES_PER_FRAME = 16_000;
/** Samples per pixel of the still picture (edges without stair steps); the GPU may allow fewer. */
const STILL_SAMPLES = 4;
const BACKGROUND = [0.97, 0.97, 0.96, 1] as const;
/** Light from the upper left, behind the viewer's shoulder. */
const LIGHT = normalise([-0.45, -0.35, 0.82]);

function normalise(v: number[]): Float32Array {
  const length = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / length);
}

type Uniforms = Record<string, WebGLUniformLocation | null>;

/** An offscreen colour + depth buffer pair (multisampled when `samples` > 0), resized on demand. */
class RenderTarget {
  readonly framebuffer: WebGLFramebuffer;
  private readonly colour: WebGLRenderbuffer;
  private readonly depth: WebGLRenderbuffer;
  width = 0;
  height = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly samples = 0,
  ) {
    this.framebuffer = gl.createFramebuffer();
    this.colour = gl.createRenderbuffer();
    this.depth = gl.createRenderbuffer();
  }

  fit(width: number, height: number): void {
    const { gl, samples } = this;
    if (this.width === width && this.height === height) return;
    this.width = width;
    this.height = height;
    const storage = (format: GLenum) =>
      samples > 0
        ? gl.renderbufferStorageMultisample(gl.RENDERBUFFER, samples, format, width, height)
        : gl.renderbufferStorage(gl.RENDERBUFFER, format, width, height);
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.colour);
    storage(gl.RGBA8);
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.depth);
    storage(gl.DEPTH_COMPONENT24);
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

/** Copies `from`'s colour onto the canvas, scaled up to `width` × `height`. */
function blit(gl: WebGL2RenderingContext, from: RenderTarget, width: number, height: number): void {
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, from.framebuffer);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
  gl.blitFramebuffer(
    0,
    0,
    from.width,
    from.height,
    0,
    0,
    width,
    height,
    gl.COLOR_BUFFER_BIT,
    gl.LINEAR,
  );
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
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

export interface SurfaceViewOptions {
  camera: Camera;
  exaggeration: number;
}

/** What the renderer tells its owner. */
export interface SurfaceRendererEvents {
  /** The still picture needs another frame to be complete. */
  needsFrame(): void;
  /** The graphics context was lost (true) or restored and rebuilt (false). */
  contextLost(lost: boolean): void;
}

/** Everything the renderer keeps on the GPU: made again when a lost context is restored. */
interface GlResources {
  program: Program;
  vao: WebGLVertexArrayObject;
  vertexBuffer: WebGLBuffer;
  indexBuffer: WebGLBuffer;
  coarseIndexBuffer: WebGLBuffer;
  colourTexture: WebGLTexture;
  /** The moving picture, at reduced resolution. */
  moving: RenderTarget;
  /** The still picture, multisampled, built over several frames. */
  still: RenderTarget;
}

function createResources(gl: WebGL2RenderingContext): GlResources {
  const program = compile(gl, SURFACE_VERTEX, SURFACE_FRAGMENT);
  const vertexBuffer = gl.createBuffer();
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  gl.bindBuffer(gl.ARRAY_BUFFER, vertexBuffer);
  const stride = VERTEX_FLOATS * 4;
  const layout: [string, number, number][] = [
    ['a_xy', 2, 0],
    ['a_height', 1, 2],
    ['a_slope', 2, 3],
    ['a_level', 1, 5],
    ['a_cut', 1, 6],
  ];
  for (const [name, size, offset] of layout) {
    const location = program.attributes[name];
    if (location === undefined || location < 0) continue;
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride, offset * 4);
  }
  gl.bindVertexArray(null);
  const samples = Math.min(STILL_SAMPLES, gl.getParameter(gl.MAX_SAMPLES) as number);
  return {
    program,
    vao,
    vertexBuffer,
    indexBuffer: gl.createBuffer(),
    coarseIndexBuffer: gl.createBuffer(),
    colourTexture: gl.createTexture(),
    moving: new RenderTarget(gl),
    still: new RenderTarget(gl, samples),
  };
}

const NO_EVENTS: SurfaceRendererEvents = { needsFrame: () => {}, contextLost: () => {} };

export class SurfaceRenderer implements Drawable {
  private readonly gl: WebGL2RenderingContext;
  private gpu: GlResources | null;
  private mesh: SurfaceMesh | null = null;
  private coarseIndexCount = 0;
  private cssWidth = 1;
  private cssHeight = 1;
  /** The canvas shows the current camera, mesh and size (the drawing buffer is preserved). */
  private drawn = false;
  /** Rows of the full mesh drawn into the still target so far. */
  private stillRows = 0;
  private interactive = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private options: SurfaceViewOptions,
    private readonly events: SurfaceRendererEvents = NO_EVENTS,
  ) {
    // No antialias on the canvas: the still picture is multisampled offscreen, and a moving one
    // need not be. preserveDrawingBuffer: frames are drawn only when the picture changes, and the
    // tests read the picture afterwards.
    const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
    if (!gl) throw new Error('WebGL 2 is not available');
    this.gl = gl;
    canvas.addEventListener('webglcontextlost', this.onContextLost);
    canvas.addEventListener('webglcontextrestored', this.onContextRestored);
    this.gpu = createResources(gl);
  }

  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.onContextLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onContextRestored);
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
    this.changed();
  }

  setOptions(options: SurfaceViewOptions): void {
    this.options = options;
    this.changed();
  }

  /** True while a gesture moves the camera: a coarse mesh at reduced resolution. */
  setInteractive(interactive: boolean): void {
    if (this.interactive !== interactive) this.changed();
    this.interactive = interactive;
  }

  get currentMesh(): SurfaceMesh | null {
    return this.mesh;
  }

  /** A new surface picture: uploads it for the next frame. */
  setMesh(mesh: SurfaceMesh): void {
    this.mesh = mesh;
    if (this.gpu) this.upload(this.gpu, mesh);
    this.changed();
  }

  /** The frame loop's call: draws only when camera, mesh or size changed since the last picture. */
  draw(): void {
    const { gl, gpu, mesh } = this;
    if (this.drawn || !gpu || gl.isContextLost()) return;
    if (!mesh?.heightScale) {
      this.drawn = true;
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.viewport(0, 0, this.canvas.width, this.canvas.height);
      gl.clearColor(...BACKGROUND);
      gl.clear(gl.COLOR_BUFFER_BIT);
      this.mark('still');
      return;
    }
    if (this.interactive) this.drawMoving(gpu, mesh);
    else this.drawStill(gpu, mesh, STILL_TRIANGLES_PER_FRAME);
  }

  /** Draws the whole still picture now, however long it takes (exports). */
  drawComplete(): void {
    const { gpu, mesh } = this;
    if (!gpu || !mesh?.heightScale || this.gl.isContextLost()) return this.draw();
    this.drawStill(gpu, mesh, Infinity);
  }

  private changed(): void {
    this.drawn = false;
    this.stillRows = 0;
    this.mark('drawing');
  }

  /**
   * What the canvas shows, in its `data-picture` attribute: "still" once the full picture of the
   * current camera is up, "moving" for a gesture's coarse one, "drawing" while it is being made.
   * Tests (and exports) wait for "still" instead of counting frames.
   */
  private mark(picture: 'still' | 'moving' | 'drawing'): void {
    if (this.canvas.dataset.picture !== picture) this.canvas.dataset.picture = picture;
  }

  private upload(gpu: GlResources, mesh: SurfaceMesh): void {
    const { gl } = this;
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, gpu.vertexBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, mesh.vertices, gl.STATIC_DRAW);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, gpu.indexBuffer);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, mesh.indices, gl.STATIC_DRAW);
    const stride = Math.max(1, Math.ceil(Math.max(mesh.nx, mesh.ny) / COARSE_SAMPLES));
    const coarse = coarseIndices(mesh.nx, mesh.ny, stride);
    this.coarseIndexCount = coarse.length;
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, gpu.coarseIndexBuffer);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, coarse, gl.STATIC_DRAW);
    const colours = new Uint8Array(mesh.fillColours.length * 4);
    mesh.fillColours.forEach((hex, i) => {
      colours.set([...hexChannels(hex), 255], i * 4);
    });
    gl.bindTexture(gl.TEXTURE_2D, gpu.colourTexture);
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
  }

  private drawMoving(gpu: GlResources, mesh: SurfaceMesh): void {
    const { gl, canvas } = this;
    this.drawn = true;
    gpu.moving.fit(
      Math.max(1, Math.round(canvas.width * INTERACTIVE_RESOLUTION)),
      Math.max(1, Math.round(canvas.height * INTERACTIVE_RESOLUTION)),
    );
    gpu.moving.use();
    gl.clearColor(...BACKGROUND);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    this.drawTriangles(gpu, mesh, gpu.coarseIndexBuffer, 0, this.coarseIndexCount);
    blit(gl, gpu.moving, canvas.width, canvas.height);
    this.mark('moving');
  }

  /**
   * Adds up to `triangles` triangles' worth of rows to the still target; once every row is in, shows
   * it. Until then the canvas keeps its last picture and the owner is asked for another frame.
   */
  private drawStill(gpu: GlResources, mesh: SurfaceMesh, triangles: number): void {
    const { gl, canvas } = this;
    const rows = mesh.ny - 1;
    const perRow = (mesh.nx - 1) * 6;
    if (this.stillRows === 0) {
      gpu.still.fit(canvas.width, canvas.height);
      gpu.still.use();
      gl.clearColor(...BACKGROUND);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    } else gpu.still.use();
    const band = Math.max(
      1,
      Math.min(rows - this.stillRows, Math.floor(triangles / (2 * (mesh.nx - 1)))),
    );
    this.drawTriangles(gpu, mesh, gpu.indexBuffer, this.stillRows * perRow, band * perRow);
    this.stillRows += band;
    if (this.stillRows < rows) {
      this.events.needsFrame();
      return;
    }
    this.drawn = true;
    blit(gl, gpu.still, canvas.width, canvas.height);
    this.mark('still');
  }

  /** `count` indices from `first` of `indexBuffer`, with the current camera. */
  private drawTriangles(
    gpu: GlResources,
    mesh: SurfaceMesh,
    indexBuffer: WebGLBuffer,
    first: number,
    count: number,
  ): void {
    const { gl } = this;
    const top = BOX_HEIGHT * this.options.exaggeration;
    const matrix = viewProjection(
      cameraFrame(this.options.camera, top),
      this.cssWidth / this.cssHeight,
    );
    gl.enable(gl.DEPTH_TEST);
    gl.useProgram(gpu.program.program);
    const u = gpu.program.uniforms;
    gl.uniformMatrix4fv(u.u_matrix, false, matrix);
    gl.uniform1f(u.u_top, top);
    gl.uniform1f(u.u_bandCount, mesh.fillColours.length);
    gl.uniform3fv(u.u_light, LIGHT);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, gpu.colourTexture);
    gl.uniform1i(u.u_colours, 0);
    gl.bindVertexArray(gpu.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, indexBuffer);
    gl.drawElements(gl.TRIANGLES, count, gl.UNSIGNED_INT, first * 4);
    gl.bindVertexArray(null);
  }

  private readonly onContextLost = (event: Event) => {
    // Without preventDefault the browser never offers the context back.
    event.preventDefault();
    this.gpu = null;
    this.events.contextLost(true);
  };

  private readonly onContextRestored = () => {
    // Every buffer, texture and program went with the old context: make them again.
    this.gpu = createResources(this.gl);
    if (this.mesh) this.upload(this.gpu, this.mesh);
    this.changed();
    this.events.contextLost(false);
    this.events.needsFrame();
  };
}
