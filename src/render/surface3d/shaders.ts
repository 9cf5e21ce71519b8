/**
 * GLSL (WebGL2, GLSL ES 3.00) for the 3D view: the lit surface with its contour bands and lines.
 * Heights arrive as 0..1 and are stretched by `u_top` (box height × exaggeration), so the
 * exaggeration slider never rebuilds a buffer.
 */

export const SURFACE_VERTEX = `#version 300 es
in vec2 a_xy;
in float a_height;
in vec2 a_slope;
in float a_level;
in float a_cut;
uniform mat4 u_matrix;
uniform float u_top;
out vec3 v_normal;
out float v_level;
out float v_cut;
out vec2 v_xy;
void main() {
  v_normal = normalize(vec3(-a_slope * u_top, 1.0));
  v_level = a_level;
  v_cut = a_cut;
  v_xy = a_xy;
  gl_Position = u_matrix * vec4(a_xy, a_height * u_top, 1.0);
}`;

export const SURFACE_FRAGMENT = `#version 300 es
precision highp float;
in vec3 v_normal;
in float v_level;
in float v_cut;
in vec2 v_xy;
uniform sampler2D u_colours;
uniform float u_bandCount;
uniform vec3 u_light;
out vec4 outColour;
void main() {
  vec3 normal = normalize(gl_FrontFacing ? v_normal : -v_normal);
  float band = clamp(floor(v_level), 0.0, u_bandCount - 1.0);
  vec3 colour = texelFetch(u_colours, ivec2(int(band), 0), 0).rgb;
  // The cut lid: grey stripes, so a clipped pole or an undefined patch reads as cut, not as ground.
  if (v_cut > 0.5) {
    float stripe = step(0.5, fract((v_xy.x + v_xy.y) * 12.0));
    colour = mix(vec3(0.62), vec3(0.78), stripe);
  }
  // Contour lines where the level coordinate crosses a whole number (not at 0: that is the minimum).
  float distanceToLine = min(fract(v_level), 1.0 - fract(v_level));
  float width = fwidth(v_level);
  float line = v_level >= 0.5 && v_cut < 0.5 ? 1.0 - smoothstep(0.0, width * 1.25, distanceToLine) : 0.0;
  float luminance = dot(colour, vec3(0.2126, 0.7152, 0.0722));
  colour = mix(colour, luminance > 0.35 ? vec3(0.0) : vec3(1.0), line * 0.45);
  float diffuse = max(dot(normal, u_light), 0.0);
  outColour = vec4(colour * (0.45 + 0.6 * diffuse), 1.0);
}`;
