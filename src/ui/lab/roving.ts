import type { KeyboardEvent } from 'react';

/**
 * Roving focus over a grid of points (rows × columns): one tab stop for the whole chart, arrow keys
 * move between points, Home/End jump along a row. Items carry data-row and data-col.
 */
export function moveFocus(
  event: KeyboardEvent<Element>,
  active: { row: number; col: number },
  rows: number,
  cols: number,
  setActive: (next: { row: number; col: number }) => void,
): void {
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    Home: [0, -cols],
    End: [0, cols],
  };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  const row = Math.max(0, Math.min(rows - 1, active.row + move[0]));
  const col = Math.max(0, Math.min(cols - 1, active.col + move[1]));
  setActive({ row, col });
  const target = event.currentTarget.querySelector<SVGElement | HTMLElement>(
    `[data-row="${row}"][data-col="${col}"]`,
  );
  target?.focus();
}

/** Enter and Space press a focused SVG "button" as they would a real one. */
export function pressKeys(event: KeyboardEvent<Element>, press: () => void): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    press();
  }
}
