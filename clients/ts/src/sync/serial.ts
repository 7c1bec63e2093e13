//! A promise queue: one task at a time, in call order. The engine runs every use of the
//! database (and every sync) through one, so a transaction never interleaves with another.

export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
