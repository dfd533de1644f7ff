/** One figure a benchmark prints, beside the baseline it was measured against in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline.value */
  ratio?: number;
  /** The target in words, e.g. "≤ 1.3× baseline" or "< 5 ms". */
  target?: string;
  ok?: boolean;
}
