import { UNDEFINED_STYLE } from '../render/contours/draw.ts';

/** The plot's key for its hatched region: where f is not a finite number, not "very high". */
export function UndefinedKey() {
  const { fill, hatch } = UNDEFINED_STYLE;
  return (
    <p className="undefined-key">
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <rect width="14" height="14" fill={fill} stroke={hatch} />
        <path d="M0 0L14 14M-7 0L7 14M7 0L21 14" stroke={hatch} />
      </svg>
      f undefined (not a finite number)
    </p>
  );
}
