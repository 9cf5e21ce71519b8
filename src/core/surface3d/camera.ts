/**
 * The 3D view's camera and the little linear algebra it needs, as plain numbers. The surface lives in
 * a box: x and y in [−1, 1] scaled to the view's aspect (box.ts), height z in [0, BOX_HEIGHT ×
 * exaggeration]. The camera orbits a target on the box's mid-height: yaw turns around the vertical
 * axis, pitch tilts towards looking straight down, zoom moves closer, pan slides the target.
 */
export interface Camera {
  /** Degrees around the vertical axis; 0 looks along +y. */
  yaw: number;
  /** Degrees above the horizon, from MIN_PITCH to MAX_PITCH. */
  pitch: number;
  /** 1 shows the whole box; 2 is twice as close. */
  zoom: number;
  /** The orbit target's offset in the ground plane, box units. */
  pan: [number, number];
}

export const DEFAULT_CAMERA: Readonly<Camera> = { yaw: -35, pitch: 35, zoom: 1, pan: [0, 0] };
export const CAMERA_LIMITS = {
  pitch: [5, 89],
  zoom: [0.25, 8],
  pan: 3,
} as const;

/** The height of the box before exaggeration, in box units (x and y span 2). */
export const BOX_HEIGHT = 0.6;
/** Vertical field of view, radians. */
export const FIELD_OF_VIEW = (40 * Math.PI) / 180;
/** Eye distance at zoom 1: the whole box fits the frame from every angle. */
const BASE_DISTANCE = 3.4;

export type Vec3 = [number, number, number];

const clamp = (value: number, [low, high]: readonly [number, number]) =>
  Math.min(high, Math.max(low, value));
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Yaw wraps to (−180, 180]; pitch, zoom and pan stay within CAMERA_LIMITS. */
export function normalisedCamera(camera: Camera): Camera {
  let yaw = camera.yaw % 360;
  if (yaw > 180) yaw -= 360;
  if (yaw <= -180) yaw += 360;
  const pan = CAMERA_LIMITS.pan;
  return {
    yaw,
    pitch: clamp(camera.pitch, CAMERA_LIMITS.pitch),
    zoom: clamp(camera.zoom, CAMERA_LIMITS.zoom),
    pan: [clamp(camera.pan[0], [-pan, pan]), clamp(camera.pan[1], [-pan, pan])],
  };
}

/** Short numbers for the address: 0.1° angles, 3 significant digits of zoom, 0.001 of pan. */
export function roundedCamera(camera: Camera): Camera {
  const round = (value: number, step: number) => Math.round(value / step) * step;
  const tidy = (value: number) => Number(value.toFixed(3)) + 0; // + 0 turns −0 into 0
  const normal = normalisedCamera(camera);
  return {
    yaw: tidy(round(normal.yaw, 0.1)),
    pitch: tidy(round(normal.pitch, 0.1)),
    zoom: Number(normal.zoom.toPrecision(3)),
    pan: [tidy(normal.pan[0]), tidy(normal.pan[1])],
  };
}

export function orbited(camera: Camera, yawDegrees: number, pitchDegrees: number): Camera {
  return normalisedCamera({
    ...camera,
    yaw: camera.yaw + yawDegrees,
    pitch: camera.pitch + pitchDegrees,
  });
}

export function zoomed(camera: Camera, factor: number): Camera {
  return normalisedCamera({ ...camera, zoom: camera.zoom * factor });
}

/**
 * Slides the target by a drag of (dx, dy) CSS pixels in a frame `height` pixels tall, so the ground
 * under the pointer follows it roughly: right along the screen's right, up along "away".
 */
export function panned(camera: Camera, dx: number, dy: number, height: number): Camera {
  const unitsPerPixel = (2 * distance(camera) * Math.tan(FIELD_OF_VIEW / 2)) / Math.max(1, height);
  const yaw = radians(camera.yaw);
  const right: [number, number] = [Math.cos(yaw), -Math.sin(yaw)];
  const away: [number, number] = [Math.sin(yaw), Math.cos(yaw)];
  return normalisedCamera({
    ...camera,
    pan: [
      camera.pan[0] - (dx * right[0] - dy * away[0]) * unitsPerPixel,
      camera.pan[1] - (dx * right[1] - dy * away[1]) * unitsPerPixel,
    ],
  });
}

function distance(camera: Camera): number {
  return BASE_DISTANCE / camera.zoom;
}

export interface CameraFrame {
  eye: Vec3;
  /** Unit vectors: looking direction, screen right, screen up. */
  forward: Vec3;
  right: Vec3;
  up: Vec3;
}

/** Where the eye is and where it looks, for a box `boxTop` high (BOX_HEIGHT × exaggeration). */
export function cameraFrame(camera: Camera, boxTop: number): CameraFrame {
  const yaw = radians(camera.yaw);
  const pitch = radians(camera.pitch);
  const target: Vec3 = [camera.pan[0], camera.pan[1], boxTop / 2];
  const back: Vec3 = [
    -Math.sin(yaw) * Math.cos(pitch),
    -Math.cos(yaw) * Math.cos(pitch),
    Math.sin(pitch),
  ];
  const d = distance(camera);
  const eye: Vec3 = [target[0] + back[0] * d, target[1] + back[1] * d, target[2] + back[2] * d];
  const forward: Vec3 = [-back[0], -back[1], -back[2]];
  const right: Vec3 = [Math.cos(yaw), -Math.sin(yaw), 0];
  const up = cross(right, forward);
  return { eye, forward, right, up };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Near and far planes: everything of the box (and a panned target) stays between them. */
const NEAR = 0.05;
const FAR = 40;

/**
 * The column-major view-projection matrix (WebGL's layout) for a frame `aspect` = width / height.
 */
export function viewProjection(frame: CameraFrame, aspect: number): Float32Array {
  const { eye, forward, right, up } = frame;
  const f = 1 / Math.tan(FIELD_OF_VIEW / 2);
  const a = (FAR + NEAR) / (NEAR - FAR);
  const b = (2 * FAR * NEAR) / (NEAR - FAR);
  // Rows of the view matrix: right, up, −forward; translation −R·eye.
  const tx = -dot(right, eye);
  const ty = -dot(up, eye);
  const tz = dot(forward, eye);
  const px = f / aspect;
  const out = new Float32Array(16);
  for (let col = 0; col < 3; col++) {
    out[col * 4 + 0] = px * right[col];
    out[col * 4 + 1] = f * up[col];
    out[col * 4 + 2] = a * -forward[col];
    out[col * 4 + 3] = forward[col];
  }
  out[12] = px * tx;
  out[13] = f * ty;
  out[14] = a * tz + b;
  out[15] = -tz;
  return out;
}

/** The ray through a point of the frame given in normalised device coordinates (−1..1, y up). */
export function rayThrough(
  frame: CameraFrame,
  aspect: number,
  ndcX: number,
  ndcY: number,
): { origin: Vec3; direction: Vec3 } {
  const t = Math.tan(FIELD_OF_VIEW / 2);
  const { eye, forward, right, up } = frame;
  const direction: Vec3 = [0, 0, 0];
  for (let k = 0; k < 3; k++)
    direction[k] = forward[k] + right[k] * ndcX * t * aspect + up[k] * ndcY * t;
  const length = Math.hypot(...direction);
  return { origin: eye, direction: direction.map((v) => v / length) as Vec3 };
}
