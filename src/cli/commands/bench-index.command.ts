import type { Command } from 'commander';
import { join } from 'node:path';
import { randomDataset, runAnnBench, splitRows, type AnnDataset } from '../../evaluation/ann-bench.js';
import { loadWinkWordVectors } from '../../knowledge/embedding/word-vectors.js';
import { configOrExit } from '../runtime.js';

interface BenchIndexOptions {
  dataset: string;
  n: string;
  dim: string;
  queries: string;
  k: string;
  m: string;
  efConstruction: string;
  ef: string;
  seed: string;
  rebuild?: boolean;
  json?: boolean;
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive integer (got "${value}")\n`);
    process.exit(2);
  }
  return n;
}

/** `bench index`: HNSW against an honest exact scan over the same vectors, in the same run. */
export function registerBenchIndexCommand(bench: Command): void {
  bench
    .command('index')
    .description('HNSW build time, memory, recall@k against an exact scan, latency and QPS of both, as JSON')
    .option('--dataset <name>', 'glove (the wink GloVe word vectors) or random (uniform directions)', 'glove')
    .option('--n <count>', 'vectors to index', '300000')
    .option('--dim <d>', 'dimensions of --dataset random (glove is 100)', '384')
    .option('--queries <q>', 'held-out query vectors', '1000')
    .option('--k <k>', 'neighbours per query', '10')
    .option('--m <m>', 'HNSW M (links per node)', '48')
    .option('--ef-construction <ef>', 'HNSW efConstruction', '200')
    .option('--ef <list>', 'comma-separated ef values for the recall/QPS curve', '40,80,120,160,200,240,320')
    .option('--seed <s>', 'seed of the split and of HNSW', '42')
    .option('--rebuild', 'build the graph even when an earlier run saved the same one under CACHE_DIR/bench')
    .option('--json', 'print JSON only (the default prints JSON plus a curve table on stderr)')
    .action((opts: BenchIndexOptions) => {
      const n = positiveInt('n', opts.n);
      const q = positiveInt('queries', opts.queries);
      const seed = positiveInt('seed', opts.seed);
      const efSearch = opts.ef.split(',').map((e) => positiveInt('ef', e.trim()));
      let ds: AnnDataset;
      const started = performance.now();
      const config = configOrExit();
      if (opts.dataset === 'glove') {
        const wv = loadWinkWordVectors(config.knowledge.cacheDir, (m) => process.stderr.write(`${m}\n`));
        const { base, queries } = splitRows(wv.table.vectors, wv.dim, n, q, seed);
        ds = { name: 'glove-100-wink', dim: wv.dim, base, queries };
      } else if (opts.dataset === 'random') {
        ds = randomDataset(n, q, positiveInt('dim', opts.dim), seed);
      } else {
        process.stderr.write(`--dataset must be glove or random (got "${opts.dataset}")\n`);
        process.exit(2);
      }
      process.stderr.write(`dataset ${ds.name}: ${n} vectors, ${q} queries, ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      let lastStage = '';
      const m = positiveInt('m', opts.m);
      const efConstruction = positiveInt('ef-construction', opts.efConstruction);
      const result = runAnnBench(ds, {
        m,
        efConstruction,
        indexFile: join(config.knowledge.cacheDir, 'bench', `${ds.name}-n${n}-seed${seed}-m${m}-efc${efConstruction}.hnsw`),
        ...(opts.rebuild ? { rebuild: true } : {}),
        efSearch,
        k: positiveInt('k', opts.k),
        seed,
        onProgress: (stage, done, total) => {
          const tty = process.stderr.isTTY;
          if (tty) process.stderr.write(`\r\x1b[2K${stage} ${done}/${total}`);
          else if (stage !== lastStage || done === total || done % Math.ceil(total / 5) < 50) process.stderr.write(`${stage} ${done}/${total}\n`);
          lastStage = stage;
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stdout.write(`${JSON.stringify({ benchmark: 'index', ...result }, null, 2)}\n`);
      if (!opts.json) console.error(result.curve);
    });
}
