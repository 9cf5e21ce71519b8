/**
 * Markers that would hide one another. Runs that start together sit on one pixel at step 0 (every
 * lesson begins so), and runs that reach the same minimum meet again; a legend cannot say who is
 * who if only the top marker shows. Coinciding markers are fanned out on a small circle around
 * where they are, and the caller draws a thin leader back to that true point.
 */

/** Each marker's group leader (its own index for a leader, -1 for a non-finite point), reused. */
let groupOf = new Int32Array(0);

/**
 * Display positions for markers at `points` (x, y pairs, pixels), written into `out`: markers
 * closer than `overlap` to a group's first one join its group; a group of g ≥ 2 is laid on a circle
 * around that first point, clockwise from the top, with radius at least `radius` and wide enough
 * that neighbours stay `overlap` apart. Lone markers keep their place. Called every frame, so it
 * allocates nothing when given `out`.
 */
export function spreadCoincident(
  points: Float64Array,
  overlap: number,
  radius: number,
  out: Float64Array = new Float64Array(points.length),
): Float64Array {
  const count = points.length / 2;
  if (groupOf.length < count) groupOf = new Int32Array(count);
  out.set(points);
  for (let i = 0; i < count; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    groupOf[i] = -1;
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    groupOf[i] = i;
    for (let l = 0; l < i; l++) {
      if (groupOf[l] !== l) continue; // not a leader
      if (Math.hypot(points[2 * l] - x, points[2 * l + 1] - y) < overlap) {
        groupOf[i] = l;
        break;
      }
    }
  }
  for (let leader = 0; leader < count; leader++) {
    if (groupOf[leader] !== leader) continue;
    let members = 0;
    for (let i = leader; i < count; i++) if (groupOf[i] === leader) members++;
    if (members < 2) continue;
    // Chord between neighbours on the circle: 2ρ·sin(π/g) ≥ overlap.
    const rho = Math.max(radius, overlap / (2 * Math.sin(Math.PI / members)));
    let j = 0;
    for (let i = leader; i < count; i++) {
      if (groupOf[i] !== leader) continue;
      const angle = -Math.PI / 2 + (2 * Math.PI * j++) / members;
      out[2 * i] = points[2 * leader] + rho * Math.cos(angle);
      out[2 * i + 1] = points[2 * leader + 1] + rho * Math.sin(angle);
    }
  }
  return out;
}
