/**
 * GLSL (WebGL2, GLSL ES 3.00) for the 3D view: the lit surface with its contour bands and lines,
 * trails as screen-space ribbons, and heads and minima as point sprites in the 2D plot's marker
 * shapes. Heights arrive as 0..1 and are stretched by `u_top` (box height × exaggeration), so the
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

export const RIBBON_VERTEX = `#version 300 es
in vec2 a_corner;
in vec3 a_from;
in vec3 a_to;
uniform mat4 u_matrix;
uniform float u_top;
uniform float u_lift;
uniform vec2 u_half;
uniform vec2 u_viewport;
uniform float u_width;
bool outside(vec3 p) {
  return abs(p.x) > u_half.x || abs(p.y) > u_half.y;
}
void main() {
  // A segment with an end outside the view is not drawn: the surface is not there.
  if (outside(a_from) || outside(a_to)) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  vec4 from = u_matrix * vec4(a_from.xy, a_from.z * u_top + u_lift, 1.0);
  vec4 to = u_matrix * vec4(a_to.xy, a_to.z * u_top + u_lift, 1.0);
  vec2 direction = to.xy / to.w - from.xy / from.w;
  direction *= u_viewport;
  float length2 = dot(direction, direction);
  direction = length2 > 1e-12 ? direction / sqrt(length2) : vec2(1.0, 0.0);
  vec2 across = vec2(-direction.y, direction.x);
  vec4 point = a_corner.x < 0.5 ? from : to;
  // Extend each end by half a width too, so consecutive segments overlap at the joins.
  vec2 offset = (across * a_corner.y + direction * (a_corner.x * 2.0 - 1.0)) * u_width * 0.5;
  gl_Position = point + vec4(offset / u_viewport * 2.0 * point.w, 0.0, 0.0);
}`;

export const FLAT_FRAGMENT = `#version 300 es
precision highp float;
uniform vec4 u_colour;
out vec4 outColour;
void main() {
  outColour = u_colour;
}`;

export const SPRITE_VERTEX = `#version 300 es
in vec3 a_position;
uniform mat4 u_matrix;
uniform float u_top;
uniform float u_lift;
uniform vec2 u_half;
uniform float u_size;
void main() {
  if (abs(a_position.x) > u_half.x || abs(a_position.y) > u_half.y) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  gl_Position = u_matrix * vec4(a_position.xy, a_position.z * u_top + u_lift, 1.0);
  gl_PointSize = u_size;
}`;

/** Shapes in MARKER_SHAPES order: circle, square, triangle, diamond, cross, star. */
export const SPRITE_FRAGMENT = `#version 300 es
precision highp float;
uniform vec4 u_colour;
uniform vec4 u_outline;
uniform int u_shape;
uniform float u_border;
out vec4 outColour;
bool inside(vec2 p, float r) {
  if (u_shape == 0) return length(p) <= r;
  if (u_shape == 1) return max(abs(p.x), abs(p.y)) <= r * 0.82;
  if (u_shape == 2) return p.y >= -0.55 * r && abs(p.x) <= (r - p.y) * 0.62;
  if (u_shape == 3) return abs(p.x) + abs(p.y) <= r;
  if (u_shape == 4) return max(abs(p.x), abs(p.y)) <= r * 0.85 && min(abs(p.x - p.y), abs(p.x + p.y)) <= r * 0.32;
  float angle = atan(p.y, p.x);
  float reach = mix(0.45, 1.0, pow(0.5 + 0.5 * cos(5.0 * (angle - 1.5708)), 2.0));
  return length(p) <= r * reach;
}
void main() {
  vec2 p = vec2(gl_PointCoord.x * 2.0 - 1.0, 1.0 - gl_PointCoord.y * 2.0);
  if (inside(p, 1.0 - u_border)) outColour = u_colour;
  else if (inside(p, 1.0)) outColour = u_outline;
  else discard;
}`;
