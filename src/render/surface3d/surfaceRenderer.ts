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
import { VERTEX_FLOATS, type SurfaceMesh } from '../../core/surface3d/mesh.ts';
import type { Drawable } from '../drawable.ts';
import { hexChannels } from '../runStyle.ts';
import { SURFACE_FRAGMENT, SURFACE_VERTEX } from './shaders.ts';

/**
 * While the camera moves, the surface is drawn at this fraction of the resolution per axis (a quarter
 * of the pixels): software GL shades a full-size 200 × 200 mesh in ≈ 100–200 ms, too slow to follow
 * a drag. The full picture follows when the gesture ends.
 */
const INTERACTIVE_RESOLUTION = 0.5;
const BACKGROUND = [0.97, 0.97, 0.96, 1] as const;
/** Light from the upper left, behind the viewer's shoulder. */
const LIGHT = normalise([-0.45, -0.35, 0.82]);

function normalise(v: number[]): Float32Array {
  const length = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / length);
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

export class SurfaceRenderer implements Drawable {
  private readonly gl: WebGL2RenderingContext;
  private readonly program: Program;
  private readonly vao: WebGLVertexArrayObject;
  private readonly vertexBuffer: WebGLBuffer;
  private readonly indexBuffer: WebGLBuffer;
  private readonly colourTexture: WebGLTexture;
  private readonly interactiveTarget: RenderTarget;
  private mesh: SurfaceMesh | null = null;
  private cssWidth = 1;
  private cssHeight = 1;
  private lost = false;
  /** The canvas shows the current camera, mesh and size (the drawing buffer is preserved). */
  private drawn = false;
  private interactive = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private options: SurfaceViewOptions,
  ) {
    // preserveDrawingBuffer: frames are drawn only when the picture changes, and the PNG export
    // and the tests read the picture afterwards.
    const gl = canvas.getContext('webgl2', { antialias: true, preserveDrawingBuffer: true });
    if (!gl) throw new Error('WebGL 2 is not available');
    this.gl = gl;
    canvas.addEventListener('webglcontextlost', this.onContextLost);
    this.program = compile(gl, SURFACE_VERTEX, SURFACE_FRAGMENT);
    this.vertexBuffer = gl.createBuffer();
    this.indexBuffer = gl.createBuffer();
    this.colourTexture = gl.createTexture();
    this.interactiveTarget = new RenderTarget(gl);

    this.vao = gl.createVertexArray();
    gl.bindVertexArray(this.vao);
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
      const location = this.program.attributes[name];
      if (location === undefined || location < 0) continue;
      gl.enableVertexAttribArray(location);
      gl.vertexAttribPointer(location, size, gl.FLOAT, false, stride, offset * 4);
    }
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.indexBuffer);
    gl.bindVertexArray(null);
  }

  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.onContextLost);
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
    this.drawn = false;
  }

  setOptions(options: SurfaceViewOptions): void {
    this.options = options;
    this.drawn = false;
  }

  /** True while a gesture moves the camera: the surface is drawn at reduced resolution. */
  setInteractive(interactive: boolean): void {
    if (this.interactive !== interactive) this.drawn = false;
    this.interactive = interactive;
  }

  get currentMesh(): SurfaceMesh | null {
    return this.mesh;
  }

  /** A new surface picture: uploads it for the next frame. */
  setMesh(mesh: SurfaceMesh): void {
    const { gl } = this;
    this.mesh = mesh;
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
    this.drawn = false;
  }

  /** The frame loop's call: draws only when camera, mesh or size changed since the last picture. */
  draw(): void {
    const { gl, mesh, canvas } = this;
    if (this.drawn || this.lost || gl.isContextLost()) return;
    this.drawn = true;
    gl.clearColor(...BACKGROUND);
    const low = this.interactiveTarget;
    if (this.interactive) {
      low.fit(
        Math.max(1, Math.round(canvas.width * INTERACTIVE_RESOLUTION)),
        Math.max(1, Math.round(canvas.height * INTERACTIVE_RESOLUTION)),
      );
      low.use();
    } else {
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.viewport(0, 0, canvas.width, canvas.height);
    }
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    if (mesh?.heightScale) this.drawSurface(mesh);
    if (this.interactive) blit(gl, low, canvas.width, canvas.height);
  }

  private drawSurface(mesh: SurfaceMesh): void {
    const { gl } = this;
    const top = BOX_HEIGHT * this.options.exaggeration;
    const matrix = viewProjection(
      cameraFrame(this.options.camera, top),
      this.cssWidth / this.cssHeight,
    );
    gl.enable(gl.DEPTH_TEST);
    gl.useProgram(this.program.program);
    const u = this.program.uniforms;
    gl.uniformMatrix4fv(u.u_matrix, false, matrix);
    gl.uniform1f(u.u_top, top);
    gl.uniform1f(u.u_bandCount, mesh.fillColours.length);
    gl.uniform3fv(u.u_light, LIGHT);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.colourTexture);
    gl.uniform1i(u.u_colours, 0);
    gl.bindVertexArray(this.vao);
    gl.drawElements(gl.TRIANGLES, mesh.indices.length, gl.UNSIGNED_INT, 0);
    gl.bindVertexArray(null);
  }

  private readonly onContextLost = (event: Event) => {
    // The page stays usable; the 3D view stays blank until it is opened again.
    event.preventDefault();
    this.lost = true;
  };
}
