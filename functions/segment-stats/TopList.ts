/**
 * Keeps the `capacity` best items seen so far (a bounded min-heap), so a segment tab can list
 * its top customers while a million customers stream past in constant memory.
 *
 * With a numeric `key` that orders items as `compare`'s first criterion does, the heap compares
 * keys held in a typed array and calls `compare` only on equal keys: most offers of a large
 * segment are then decided without touching the items, whose objects are spread over the heap.
 *
 * @example
 * ```ts
 * const top = new TopList<number>(2, (a, b) => a - b);
 * [5, 1, 9, 3].forEach((x) => top.offer(x));
 * top.sortedBestFirst(); // [9, 5]
 *
 * const byRevenue = new TopList<{ id: string; revenue: number }>(10,
 *   (a, b) => a.revenue - b.revenue || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0), (c) => c.revenue);
 * ```
 */
export class TopList<T> {
  private readonly heap: T[] = [];
  private readonly keys: Float64Array;
  private offered = 0;
  private readonly capacity: number;
  /** Positive when `a` is better than `b`. */
  private readonly compare: (a: T, b: T) => number;
  private readonly key: ((item: T) => number) | undefined;

  /**
   * @param compare positive when `a` is better than `b`
   * @param key optional: a finite number, higher for better items, consistent with `compare`
   *   (`key(a) > key(b)` implies `compare(a, b) > 0`); without it every comparison calls `compare`
   */
  constructor(capacity: number, compare: (a: T, b: T) => number, key?: (item: T) => number) {
    this.capacity = capacity;
    this.compare = compare;
    this.key = key;
    this.keys = new Float64Array(key ? Math.max(capacity, 0) : 0);
  }

  /** How many items were offered in total (kept or not). */
  get total(): number {
    return this.offered;
  }

  offer(item: T): void {
    this.offered++;
    const key = this.key ? this.key(item) : 0;
    if (this.heap.length < this.capacity) {
      this.heap.push(item);
      if (this.key) this.keys[this.heap.length - 1] = key;
      this.siftUp(this.heap.length - 1);
    } else if (this.capacity > 0 && this.better(item, key, 0) > 0) {
      this.heap[0] = item;
      if (this.key) this.keys[0] = key;
      this.siftDown(0);
    }
  }

  sortedBestFirst(): T[] {
    return [...this.heap].sort((a, b) => this.compare(b, a));
  }

  /** Positive when `item` (with `key`) is better than the item at heap position `at`. */
  private better(item: T, key: number, at: number): number {
    const byKey = key - (this.keys[at] ?? 0);
    return byKey !== 0 && this.key ? byKey : this.compare(item, this.heap[at] as T);
  }

  private order(a: number, b: number): number {
    return this.better(this.heap[a] as T, this.keys[a] ?? 0, b);
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.order(i, parent) >= 0) return;
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
      if (left < this.heap.length && this.order(left, worst) < 0) worst = left;
      if (right < this.heap.length && this.order(right, worst) < 0) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as T;
    this.heap[a] = this.heap[b] as T;
    this.heap[b] = t;
    if (this.key) {
      const k = this.keys[a] as number;
      this.keys[a] = this.keys[b] as number;
      this.keys[b] = k;
    }
  }
}
