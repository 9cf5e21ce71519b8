import { useLayoutEffect, type RefObject } from 'react';

/**
 * Keeps an element from getting shorter while its text changes: live numbers that wrap onto one
 * line more or one line fewer made everything under the lesson's "Right now" (the chapter's text,
 * its "Try this" buttons) jump 27 px up and down a few times in 8 s while the race played, under
 * the reader's eyes and pointer. The element may still grow. It starts afresh from its own height
 * when `key` changes (another chapter) or its width does (its text wraps anew). Needs
 * `box-sizing: border-box`, which the app's stylesheet gives every element.
 */
export function useSteadyHeight(ref: RefObject<HTMLElement | null>, key: unknown): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let width = -1;
    let tallest = 0;
    const observer = new ResizeObserver(([entry]) => {
      const { inlineSize, blockSize } = entry.borderBoxSize[0];
      if (inlineSize !== width) {
        // Wrapped anew: start from the text's own height (a layout, on a width change only).
        width = inlineSize;
        element.style.minHeight = '';
        tallest = element.getBoundingClientRect().height;
      } else if (blockSize > tallest) tallest = blockSize;
      else return;
      element.style.minHeight = `${tallest}px`;
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      element.style.minHeight = '';
    };
  }, [ref, key]);
}
