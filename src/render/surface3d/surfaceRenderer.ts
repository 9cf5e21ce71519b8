/**
 * The 3D surface, drawn with WebGL2 directly. Chosen by measurement (README, "3D view"): this renderer
 * with its shaders is a few KB gzip in the 3D view's lazy chunk; twgl.js would add ≈ 7 KB for helpers
 * this needs three of; three.js, tree-shaken to a lit mesh and lines, ≈ 139 KB; regl compiles its
 * commands with `Function`, which the app's Content-Security-Policy (no eval) forbids.
 *
 * A Drawable of the one frame loop, but it draws only when the picture changed (camera, mesh, size):
 * with software GL every WebGL frame costs tens of milliseconds, so the race is drawn over it on a
 * 2D canvas (raceOverlay.ts) and a playing race costs no GL frame at all.
 *
 * The GL canvas is never on the page. With software compositing (these machines: no GPU), a WebGL
 * canvas on the page is read back by the compositor at the end of every frame that drew on it, and
 * that read waits, on the main thread, until software GL has finished the frame: a 100–600 ms task
 * per orbit frame (bench:3d). Instead each picture is drawn into a framebuffer, copied into a pixel
 * buffer with a fence, and the frames after that only poll the fence; once it is signalled the
 * pixels (ready by then) go onto the page's 2D canvas. The main thread never waits for GL; a moving
 * picture is shown a frame or two late, and no new one is started until the last is shown.
 */
import {
  BOX_HEIGHT,
  cameraFrame,
  viewProjection,
  type Camera,
} from '../../core/surface3d/camera.ts';
import { coarseIndices, VERTEX_FLOATS, type SurfaceMesh } from '../../core/surface3d/mesh.ts';
import { backingPixels } from '../canvas.ts';
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

/** Copies `from`'s colour (its samples resolved) into `to`, both `width` × `height`. */
function blit(
  gl: WebGL2RenderingContext,
  from: RenderTarget,
  to: RenderTarget,
  width: number,
  height: number,
): void {
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, from.framebuffer);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, to.framebuffer);
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
    gl.NEAREST,
  );
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
  /** The still picture, multisampled, built over several frames. */
  still: RenderTarget;
  /** The picture to read back: a moving one drawn here, a still one resolved into it. */
  picture: RenderTarget;
  /** Where the picture's pixels go on the GPU side, to be read when its fence says they are there. */
  pixelBuffer: WebGLBuffer;
  pixelBufferBytes: number;
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
    still: new RenderTarget(gl, samples),
    picture: new RenderTarget(gl),
    pixelBuffer: gl.createBuffer(),
    pixelBufferBytes: 0,
  };
}

type PictureKind = 'still' | 'moving' | 'drawing';

/** A picture on its way from the GPU: its pixels are in the pixel buffer once `sync` is signalled. */
interface Readback {
  sync: WebGLSync;
  width: number;
  height: number;
  kind: PictureKind;
  /** The renderer's `version` when it was drawn: an older one is shown but is not "still". */
  version: number;
}

const NO_EVENTS: SurfaceRendererEvents = { needsFrame: () => {}, contextLost: () => {} };

export class SurfaceRenderer implements Drawable {
  private readonly gl: WebGL2RenderingContext;
  /** Where GL draws, off the page (see the file's comment). */
  private readonly glCanvas = document.createElement('canvas');
  /** The page's canvas, showing the pictures read back. */
  private readonly shown: CanvasRenderingContext2D;
  private readback: Readback | null = null;
  /** Counts changes of camera, mesh or size, so a picture read back late knows if it is current. */
  private version = 0;
  private rows = new Uint8Array(0);
  private image: ImageData | null = null;
  private gpu: GlResources | null;
  private mesh: SurfaceMesh | null = null;
  private coarseIndexCount = 0;
  private cssWidth = 1;
  private cssHeight = 1;
  /** The full picture's size in pixels (a moving picture shrinks the canvas below it). */
  private width = 1;
  private height = 1;
  /** The current camera, mesh and size are drawn (shown, or on their way back from the GPU). */
  private drawn = false;
  /** Rows of the full mesh drawn into the still target so far. */
  private stillRows = 0;
  /** Signalled when the GPU has drawn the last band: the next waits for it (see drawStill). */
  private bandDone: WebGLSync | null = null;
  private interactive = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private options: SurfaceViewOptions,
    private readonly events: SurfaceRendererEvents = NO_EVENTS,
  ) {
    // Every picture is drawn into framebuffers (the still one multisampled), never onto the GL
    // canvas itself: it needs no antialiasing and no buffers of its own beyond a pixel.
    const gl = this.glCanvas.getContext('webgl2', { antialias: false, depth: false });
    if (!gl) throw new Error('WebGL 2 is not available');
    // A canvas in memory, not on the (software) GPU: pixels put on it are there, with nothing for
    // the compositor to read back. In traces of a 3 s drag: 1–3 long tasks instead of 3–14.
    const shown = canvas.getContext('2d', { willReadFrequently: true });
    if (!shown) throw new Error('Canvas 2D is not available');
    this.gl = gl;
    this.shown = shown;
    this.glCanvas.width = 1;
    this.glCanvas.height = 1;
    this.glCanvas.addEventListener('webglcontextlost', this.onContextLost);
    this.glCanvas.addEventListener('webglcontextrestored', this.onContextRestored);
    this.gpu = createResources(gl);
  }

  dispose(): void {
    this.glCanvas.removeEventListener('webglcontextlost', this.onContextLost);
    this.glCanvas.removeEventListener('webglcontextrestored', this.onContextRestored);
    // Frees the GPU memory at once instead of when the canvas is collected.
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  /** Sizes the drawing buffer to CSS size × devicePixelRatio. */
  setSize(cssWidth: number, cssHeight: number, pixelRatio: number): void {
    this.cssWidth = Math.max(1, cssWidth);
    this.cssHeight = Math.max(1, cssHeight);
    this.width = backingPixels(cssWidth, pixelRatio);
    this.height = backingPixels(cssHeight, pixelRatio);
    this.fitCanvas(this.width, this.height);
    this.changed();
  }

  private fitCanvas(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
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

  /**
   * The frame loop's call: shows a picture whose pixels have come back, and draws a new one when
   * camera, mesh or size changed since the last (not while one is still on its way).
   */
  draw(): void {
    const { gl, gpu, mesh } = this;
    if (!gpu || gl.isContextLost()) return;
    if (this.readback && !this.collect(gpu, false)) return;
    if (this.drawn) return;
    if (!mesh?.heightScale) {
      this.drawn = true;
      this.fitCanvas(this.width, this.height);
      this.shown.fillStyle = `rgb(${BACKGROUND.slice(0, 3).map((c) => Math.round(c * 255))})`;
      this.shown.fillRect(0, 0, this.width, this.height);
      this.mark('still');
      return;
    }
    if (this.interactive) this.drawMoving(gpu, mesh);
    else this.drawStill(gpu, mesh, STILL_TRIANGLES_PER_FRAME);
  }

  /** Draws the whole still picture now and shows it, however long it takes (exports). */
  drawComplete(): void {
    const { gpu, mesh } = this;
    if (!gpu || !mesh?.heightScale || this.gl.isContextLost()) return this.draw();
    if (this.readback) this.collect(gpu, true);
    this.drawStill(gpu, mesh, Infinity);
    if (this.readback) this.collect(gpu, true);
  }

  private changed(): void {
    this.drawn = false;
    this.stillRows = 0;
    this.version++;
    this.mark('drawing');
  }

  /**
   * Copies the picture target's pixels into the pixel buffer and fences them; `collect` shows them
   * when the fence is signalled, so no call here or there waits for the GPU.
   */
  private readBack(gpu: GlResources, width: number, height: number, kind: PictureKind): void {
    const { gl } = this;
    const bytes = width * height * 4;
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, gpu.picture.framebuffer);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, gpu.pixelBuffer);
    if (gpu.pixelBufferBytes < bytes) {
      gl.bufferData(gl.PIXEL_PACK_BUFFER, bytes, gl.STREAM_READ);
      gpu.pixelBufferBytes = bytes;
    }
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0)!;
    gl.flush();
    this.readback = { sync, width, height, kind, version: this.version };
    this.events.needsFrame();
  }

  /**
   * Shows the picture on its way back once its fence is signalled (at once with `wait`, which may
   * block: exports only). False when it is not there yet: another frame is asked for.
   */
  private collect(gpu: GlResources, wait: boolean): boolean {
    const { gl } = this;
    const { sync, width, height, kind, version } = this.readback!;
    if (!wait && gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED) {
      this.events.needsFrame();
      return false;
    }
    gl.deleteSync(sync);
    this.readback = null;
    const bytes = width * height * 4;
    if (this.rows.length !== bytes) this.rows = new Uint8Array(bytes);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, gpu.pixelBuffer);
    gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, this.rows, 0, bytes);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    if (this.image?.width !== width || this.image.height !== height) {
      this.image = new ImageData(width, height);
    }
    // GL's rows run bottom-up, the canvas's top-down.
    const rowBytes = width * 4;
    for (let y = 0; y < height; y++) {
      const from = (height - 1 - y) * rowBytes;
      this.image.data.set(this.rows.subarray(from, from + rowBytes), y * rowBytes);
    }
    this.fitCanvas(width, height);
    this.shown.putImageData(this.image, 0, 0);
    this.mark(version === this.version ? kind : 'drawing');
    return true;
  }

  /**
   * What the canvas shows, in its `data-picture` attribute: "still" once the full picture of the
   * current camera is up, "moving" for a gesture's coarse one, "drawing" while it is being made.
   * Tests (and exports) wait for "still" instead of counting frames.
   */
  private mark(picture: PictureKind): void {
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

  /**
   * The moving picture is drawn at INTERACTIVE_RESOLUTION and shown on the canvas shrunk to it (CSS
   * stretches it): a quarter of the pixels to shade, read back and put on the page.
   */
  private drawMoving(gpu: GlResources, mesh: SurfaceMesh): void {
    const { gl } = this;
    this.drawn = true;
    const width = Math.max(1, Math.round(this.width * INTERACTIVE_RESOLUTION));
    const height = Math.max(1, Math.round(this.height * INTERACTIVE_RESOLUTION));
    gpu.picture.fit(width, height);
    gpu.picture.use();
    gl.clearColor(...BACKGROUND);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    this.drawTriangles(gpu, mesh, gpu.coarseIndexBuffer, 0, this.coarseIndexCount);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.readBack(gpu, width, height, 'moving');
  }

  /**
   * Adds up to `triangles` triangles' worth of rows to the still target; once every row is in, shows
   * it. Until then the canvas keeps its last picture and the owner is asked for another frame.
   */
  private drawStill(gpu: GlResources, mesh: SurfaceMesh, triangles: number): void {
    const { gl, width, height } = this;
    // Bands drawn offscreen are not waited for, so they could pile up in the GPU's queue and the
    // frame that shows the picture would wait for all of them: one band at a time instead.
    if (this.bandDone) {
      if (gl.getSyncParameter(this.bandDone, gl.SYNC_STATUS) !== gl.SIGNALED) {
        this.events.needsFrame();
        return;
      }
      gl.deleteSync(this.bandDone);
      this.bandDone = null;
    }
    const rows = mesh.ny - 1;
    const perRow = (mesh.nx - 1) * 6;
    if (this.stillRows === 0) {
      gpu.still.fit(width, height);
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
      this.bandDone = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
      gl.flush();
      this.events.needsFrame();
      return;
    }
    this.drawn = true;
    gpu.picture.fit(width, height);
    blit(gl, gpu.still, gpu.picture, width, height);
    this.readBack(gpu, width, height, 'still');
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
    this.bandDone = null;
    this.readback = null;
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
