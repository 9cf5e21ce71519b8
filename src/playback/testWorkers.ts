/** For tests: a Worker factory that keeps every Worker it made, newest last. */
export function madeWorkers<W>(make: () => W): { workers: W[]; create: () => W } {
  const workers: W[] = [];
  return {
    workers,
    create: () => {
      const worker = make();
      workers.push(worker);
      return worker;
    },
  };
}
