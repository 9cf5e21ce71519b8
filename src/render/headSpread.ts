/**
 * Markers that would hide one another. Runs that start together sit on one pixel at step 0 (every
 * lesson begins so), and runs that reach the same minimum meet again; a legend cannot say who is
 * who if only the top marker shows. Coinciding markers are fanned out on a small circle around
 * where they are, and the caller draws a thin leader back to that true point.
 */

/**
 * Display positions for markers at `points` (x, y pairs, pixels): markers closer than `overlap` to
 * a group's first one join its group; a group of g ≥ 2 is laid on a circle around that first point,
 * clockwise from the top, with radius at least `radius` and wide enough that neighbours stay
 * `overlap` apart. Lone markers keep their place.
 */
export function spreadCoincident(
  points: Float64Array,
  overlap: number,
  radius: number,
): Float64Array {
  const count = points.length / 2;
  const groupOf = new Int32Array(count).fill(-1);
  const leaders: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    const leader = leaders.find(
      (l) => Math.hypot(points[2 * l] - x, points[2 * l + 1] - y) < overlap,
    );
    if (leader === undefined) leaders.push(i);
    groupOf[i] = leader ?? i;
  }
  const spread = Float64Array.from(points);
  for (const leader of leaders) {
    const members: number[] = [];
    for (let i = 0; i < count; i++) if (groupOf[i] === leader) members.push(i);
    if (members.length < 2) continue;
    // Chord between neighbours on the circle: 2ρ·sin(π/g) ≥ overlap.
    const rho = Math.max(radius, overlap / (2 * Math.sin(Math.PI / members.length)));
    members.forEach((member, j) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * j) / members.length;
      spread[2 * member] = points[2 * leader] + rho * Math.cos(angle);
      spread[2 * member + 1] = points[2 * leader + 1] + rho * Math.sin(angle);
    });
  }
  return spread;
}
