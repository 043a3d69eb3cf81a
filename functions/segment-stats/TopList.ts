/**
 * Keeps the `capacity` best items seen so far (a bounded min-heap), so a segment tab can list
 * its top customers while a million customers stream past in constant memory.
 *
 * @example
 * ```ts
 * const top = new TopList<number>(2, (a, b) => a - b);
 * [5, 1, 9, 3].forEach((x) => top.offer(x));
 * top.sortedBestFirst(); // [9, 5]
 * ```
 */
export class TopList<T> {
  private readonly heap: T[] = [];
  private offered = 0;
  private readonly capacity: number;
  /** Positive when `a` is better than `b`. */
  private readonly compare: (a: T, b: T) => number;

  constructor(capacity: number, compare: (a: T, b: T) => number) {
    this.capacity = capacity;
    this.compare = compare;
  }

  /** How many items were offered in total (kept or not). */
  get total(): number {
    return this.offered;
  }

  offer(item: T): void {
    this.offered++;
    if (this.heap.length < this.capacity) {
      this.heap.push(item);
      this.siftUp(this.heap.length - 1);
    } else if (this.capacity > 0 && this.compare(item, this.heap[0] as T) > 0) {
      this.heap[0] = item;
      this.siftDown(0);
    }
  }

  sortedBestFirst(): T[] {
    return [...this.heap].sort((a, b) => this.compare(b, a));
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(this.heap[i] as T, this.heap[parent] as T) >= 0) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.heap.length && this.compare(this.heap[left] as T, this.heap[worst] as T) < 0) worst = left;
      if (right < this.heap.length && this.compare(this.heap[right] as T, this.heap[worst] as T) < 0) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as T;
    this.heap[a] = this.heap[b] as T;
    this.heap[b] = t;
  }
}
