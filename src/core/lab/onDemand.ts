import { onDemand } from '../onDemand.ts';

/**
 * A lab experiment's checks and link codec, which only scenes holding an experiment need:
 * validateScene checks one with them, decodeScene and encodeScene read and write its `lab=` value.
 */
export const labSpecs = onDemand("the lab's experiment checks", async () => {
  const [{ checkLab }, { decodeLab, encodeLab }] = await Promise.all([
    import('./spec.ts'),
    import('./labUrl.ts'),
  ]);
  return { checkLab, decodeLab, encodeLab };
});
