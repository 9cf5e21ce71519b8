/**
 * How fast this machine is right now, as one number printed next to every benchmark: the time of a
 * fixed scalar loop. The machines here are shared virtual CPUs whose speed was seen to vary by 4×
 * within an hour, so a result means little without it.
 */
export function calibrationMilliseconds(): number {
  const t0 = performance.now();
  let sum = 0;
  for (let i = 0; i < 2e8; i++) sum += i * 0.5;
  const elapsed = performance.now() - t0;
  if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return Math.round(elapsed);
}
