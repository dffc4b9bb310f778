export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: ClassMetrics[];
  /** The most frequent (true → predicted) mistakes. */
  confused_pairs: { true_label: string; predicted: string; count: number }[];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Accuracy, macro-F1, per-class precision/recall/F1 and the most confused pairs. */
export function classificationReport(
  truth: string[],
  predicted: string[],
  topPairs = 10,
): ClassificationReport {
  if (truth.length !== predicted.length)
    throw new Error('classification report: truth and predictions differ in length');
  const labels = [...new Set([...truth, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const pairs = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i]!;
    if (t === p) {
      correct++;
      inc(tp, t);
    } else {
      inc(fp, p);
      inc(fn, t);
      inc(pairs, `${t}\u0000${p}`);
    }
  });
  const per_class = labels.map((label) => {
    const a = tp.get(label) ?? 0;
    const precision = a + (fp.get(label) ?? 0) ? a / (a + (fp.get(label) ?? 0)) : 0;
    const recall = a + (fn.get(label) ?? 0) ? a / (a + (fn.get(label) ?? 0)) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      label,
      precision: r4(precision),
      recall: r4(recall),
      f1: r4(f1),
      support: a + (fn.get(label) ?? 0),
    };
  });
  const truthLabels = per_class.filter((c) => c.support > 0);
  const confused_pairs = [...pairs.entries()]
    .map(([k, count]) => {
      const [true_label = '', predicted_label = ''] = k.split('\u0000');
      return { true_label, predicted: predicted_label, count };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.true_label.localeCompare(b.true_label) ||
        a.predicted.localeCompare(b.predicted),
    )
    .slice(0, topPairs);
  return {
    n: truth.length,
    accuracy: r4(truth.length ? correct / truth.length : 0),
    macro_f1: r4(truthLabels.length ? truthLabels.reduce((s, c) => s + c.f1, 0) / truthLabels.length : 0),
    per_class,
    confused_pairs,
  };
}
