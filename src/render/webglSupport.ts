/**
 * Whether this browser can draw the 3D view (WebGL 2), asked once, the first time 3D is wanted: a
 * throwaway context costs a few milliseconds, which the first screen does not pay.
 */
let answer: string | null | undefined;

/** Null when WebGL 2 works; otherwise the sentence that tells a person why there is no 3D view. */
export function webgl2Problem(): string | null {
  if (answer !== undefined) return answer;
  let gl: WebGL2RenderingContext | null;
  try {
    gl = document.createElement('canvas').getContext('webgl2');
  } catch {
    gl = null;
  }
  answer = gl
    ? null
    : '3D view unavailable: this browser has WebGL 2 turned off or does not support it (the 2D plot stays).';
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return answer;
}
