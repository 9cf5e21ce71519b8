import { useLayoutEffect, useState, type RefObject } from 'react';

export interface ElementSize {
  width: number;
  height: number;
}

const UNMEASURED: ElementSize = { width: 0, height: 0 };

/** The element's content-box size, in whole CSS px. */
export function contentSize(element: HTMLElement): ElementSize {
  return { width: Math.floor(element.clientWidth), height: Math.floor(element.clientHeight) };
}

/**
 * The element's content-box size in CSS px, kept current by a ResizeObserver. With a `known` size
 * (index.html's static frame's, shellSizes.ts), the first render uses it and the element is not
 * read during the render: the observer's first report, after the page's layout, corrects it.
 */
export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  known: ElementSize | null = null,
): ElementSize {
  const [size, setSize] = useState(known ?? UNMEASURED);
  const [measureAtMount] = useState(known === null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = contentSize(element);
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    };
    if (measureAtMount) measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, measureAtMount]);
  return size;
}
