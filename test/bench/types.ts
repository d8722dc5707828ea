/** One measured figure, printed next to its target by `npm run bench`. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target as people read it, e.g. "≤ 5 µs". */
  target: string;
  ok: boolean;
  /** Printed for reference only: no target, no verdict. */
  reference?: boolean;
}
