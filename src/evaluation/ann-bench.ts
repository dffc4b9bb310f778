import hnswlib from 'hnswlib-node';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExactScan, normalizeRows } from './exact-scan.js';
import { percentile } from './scenarios.js';
import { seededRandom } from '../shared/seeded-random.js';

export interface AnnDataset {
  name: string;
  dim: number;
  /** n × dim, normalised. */
  base: Float32Array;
  /** q × dim, normalised; never in `base`. */
  queries: Float32Array;
}

export interface AnnBenchOptions {
  m: number;
  efConstruction: number;
  efSearch: number[];
  k: number;
  seed: number;
  /** Where the built graph is saved; a later run with the same file loads it instead of building. */
  indexFile: string;
  rebuild?: boolean;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface LatencySummary {
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  qps: number;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Splits rows of `vectors` into n base rows and q held-out query rows, chosen by a seeded shuffle. */
export function splitRows(vectors: Float32Array, dim: number, n: number, q: number, seed: number): { base: Float32Array; queries: Float32Array } {
  const rows = vectors.length / dim;
  if (n + q > rows) throw new Error(`the dataset has ${rows} vectors; --n ${n} plus ${q} queries is too many`);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const rand = seededRandom(seed);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const take = (from: number, count: number) => {
    const out = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) out.set(vectors.subarray(order[from + i]! * dim, (order[from + i]! + 1) * dim), i * dim);
    return normalizeRows(out, dim);
  };
  return { base: take(0, n), queries: take(n, q) };
}

/** Uniformly random directions: the structureless worst case for a graph index. */
export function randomDataset(n: number, q: number, dim: number, seed: number): AnnDataset {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const make = (count: number) => normalizeRows(Float32Array.from({ length: count * dim }, gauss), dim);
  return { name: `random-${dim}d`, dim, base: make(n), queries: make(q) };
}

function summarize(times: number[], wallMs: number): LatencySummary {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(sorted, 50), 4),
    p99_ms: round(percentile(sorted, 99), 4),
    mean_ms: round(times.reduce((s, t) => s + t, 0) / times.length, 4),
    qps: round((times.length / wallMs) * 1000, 1),
  };
}

/** User + system CPU time of this process, in ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const rssMb = () => round(process.memoryUsage().rss / 2 ** 20, 1);

/** Builds HNSW and an exact scan over the same vectors, and measures both in the same run. */
export function runAnnBench(ds: AnnDataset, o: AnnBenchOptions) {
  const { dim } = ds;
  const n = ds.base.length / dim;
  const q = ds.queries.length / dim;
  const progress = o.onProgress ?? (() => {});
  const queryRows = Array.from({ length: q }, (_, i) => ds.queries.subarray(i * dim, (i + 1) * dim));

  // Exact scan: the ground truth and the baseline timing.
  const exact = new ExactScan(ds.base, dim);
  const truth: Set<number>[] = [];
  const exactTimes: number[] = [];
  const wall = performance.now();
  for (let i = 0; i < q; i++) {
    const t0 = performance.now();
    const r = exact.search(queryRows[i]!, o.k);
    exactTimes.push(performance.now() - t0);
    truth.push(new Set(r.ids));
    if (i % 50 === 49) progress('exact scan', i + 1, q);
  }
  const exactLatency = summarize(exactTimes, performance.now() - wall);

  // HNSW: loaded when an earlier run saved this exact graph, else built one point at a time (hnswlib-node 3
  // has no batch insert) and saved, so the build is paid once.
  const rssBefore = rssMb();
  const sidecar = `${o.indexFile}.json`;
  let loaded = new hnswlib.HierarchicalNSW('cosine', dim);
  let built: { build_s: number; build_points_per_s: number; save_s: number };
  let loadS: number;
  const builtNow = o.rebuild === true || !existsSync(o.indexFile) || !existsSync(sidecar);
  if (!builtNow && existsSync(o.indexFile) && existsSync(sidecar)) {
    const t0 = performance.now();
    loaded.readIndexSync(o.indexFile);
    loadS = (performance.now() - t0) / 1000;
    built = JSON.parse(readFileSync(sidecar, 'utf8')) as typeof built;
  } else {
    loaded.initIndex({ maxElements: n, m: o.m, efConstruction: o.efConstruction, randomSeed: o.seed });
    const buildStart = performance.now();
    for (let i = 0; i < n; i++) {
      loaded.addPoint(Array.from(ds.base.subarray(i * dim, (i + 1) * dim)), i);
      if (i % 10_000 === 9_999) progress('hnsw build', i + 1, n);
    }
    const buildS = (performance.now() - buildStart) / 1000;
    const t0 = performance.now();
    mkdirSync(dirname(o.indexFile), { recursive: true });
    const tmp = `${o.indexFile}.${process.pid}.tmp`;
    loaded.writeIndexSync(tmp);
    renameSync(tmp, o.indexFile);
    built = { build_s: round(buildS, 2), build_points_per_s: Math.round(n / buildS), save_s: round((performance.now() - t0) / 1000, 3) };
    writeFileSync(sidecar, JSON.stringify(built));
    // Measure the load the next run (and the service) pays.
    const t1 = performance.now();
    loaded = new hnswlib.HierarchicalNSW('cosine', dim);
    loaded.readIndexSync(o.indexFile);
    loadS = (performance.now() - t1) / 1000;
  }
  const rssAfter = rssMb();
  const fileMb = statSync(o.indexFile).size / 2 ** 20;

  const queriesAsArrays = queryRows.map((r) => Array.from(r));
  // On a shared machine the load changes within minutes, so each point of the curve also times the exact
  // scan on every 10th query, interleaved with the HNSW queries: both sides of its speed-up see the same load.
  const curve = o.efSearch.map((ef, step) => {
    loaded.setEf(Math.max(ef, o.k));
    // Warm-up pass so the first ef is not charged for cold caches.
    for (let i = 0; i < Math.min(50, q); i++) loaded.searchKnn(queriesAsArrays[i]!, o.k);
    const times: number[] = [];
    const exactSample: number[] = [];
    const hnswSample: number[] = [];
    let hits = 0;
    let hnswWall = 0;
    let hnswCpu = 0;
    let exactCpu = 0;
    for (let i = 0; i < q; i++) {
      const c0 = cpuMs();
      const t = performance.now();
      const r = loaded.searchKnn(queriesAsArrays[i]!, o.k);
      const dt = performance.now() - t;
      hnswCpu += cpuMs() - c0;
      times.push(dt);
      hnswWall += dt;
      for (const id of r.neighbors) if (truth[i]!.has(id)) hits++;
      if (i % 10 === 0) {
        const c1 = cpuMs();
        const t1 = performance.now();
        exact.search(queryRows[i]!, o.k);
        exactSample.push(performance.now() - t1);
        exactCpu += cpuMs() - c1;
        hnswSample.push(dt);
      }
    }
    const latency = summarize(times, hnswWall);
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    progress('hnsw queries', step + 1, o.efSearch.length);
    return {
      ef,
      [`recall_at_${o.k}`]: round(hits / (q * o.k), 4),
      ...latency,
      exact_p50_ms: round(median(exactSample), 3),
      // Medians resist the load spikes of a shared machine better than means; both are reported.
      speedup_p50: round(median(exactSample) / median(hnswSample), 1),
      speedup_mean: round(mean(exactSample) / mean(hnswSample), 1),
      // CPU time of this process only: what other processes' load cannot inflate (the wall figures above can).
      cpu_ms_per_query: round(hnswCpu / q, 4),
      exact_cpu_ms_per_query: round(exactCpu / exactSample.length, 3),
      speedup_cpu: round(exactCpu / exactSample.length / (hnswCpu / q), 1),
    };
  });

  return {
    dataset: ds.name,
    n,
    dim,
    queries: q,
    k: o.k,
    hnsw: {
      space: 'cosine',
      m: o.m,
      ef_construction: o.efConstruction,
      // false: this run loaded the graph an earlier run built and saved (the build figures are that run's).
      built_this_run: builtNow,
      ...built,
      load_s: round(loadS, 3),
      index_file_mb: round(fileMb, 1),
      rss_growth_mb: round(rssAfter - rssBefore, 1),
    },
    exact_scan: { ...exactLatency, vectors_mb: round(ds.base.byteLength / 2 ** 20, 1) },
    curve,
  };
}
