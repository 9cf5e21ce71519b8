import { LESSON_COUNT } from '../lessons/lessonActions.ts';

/** Every keyboard shortcut, as the shortcuts dialog lists them. */
export interface Shortcut {
  keys: readonly string[];
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], action: 'Play or pause' },
  { keys: ['←', '→'], action: 'Step back or forward one step (pauses)' },
  { keys: ['R'], action: 'Reset to step 0' },
  { keys: ['+', '−'], action: 'Double or halve the speed' },
  { keys: ['P'], action: 'Enter or leave presentation mode' },
  { keys: ['F'], action: 'Fullscreen on or off' },
  { keys: ['Esc'], action: 'Close a dialog or menu, then leave presentation mode' },
  {
    keys: Array.from({ length: LESSON_COUNT }, (_, i) => String(i + 1)),
    action: `Open lesson chapter 1 to ${LESSON_COUNT}`,
  },
  {
    keys: ['Page Down', 'Page Up'],
    action: 'Next or previous lesson chapter, in presentation mode (clicker remotes send these)',
  },
  { keys: ['?'], action: 'Show this list' },
  {
    keys: ['Tab', 'Shift+Tab'],
    action: 'Move between controls; on the start point, the arrow keys move it (Shift: 10×)',
  },
];
