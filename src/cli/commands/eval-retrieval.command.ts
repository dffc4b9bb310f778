import type { Command } from 'commander';
import { evaluateRetrieval, inSplit, loadRetrievalQueries, QueriesFileError, toKnowledgeQuery, type Split } from '../../evaluation/retrieval-eval.js';
import { createEmbedder, type EmbedderName } from '../../knowledge/embedding/create-embedder.js';
import type { FusionMethod } from '../../knowledge/fusion.js';
import { HybridKnowledgeIndex, RETRIEVAL_MODES, type RetrievalMode } from '../../knowledge/hybrid.index.js';
import { KnowledgeBase, KnowledgeBaseFileError, loadArticles } from '../../knowledge/knowledge-base.js';
import { cliLogger, configOrExit, progress } from '../runtime.js';

interface Options {
  kb?: string;
  queries: string;
  k: string;
  mode: string;
  split: string;
  embedder?: string;
  fusion: string;
  denseWeight?: string;
  dropUnknown?: boolean;
  json?: boolean;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) fail(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function registerEvalRetrievalCommand(group: Command): void {
  group
    .command('retrieval')
    .description('hit@1, hit@5, MRR@10, nDCG@10 and search latency of knowledge retrieval over a queries file')
    .option('--kb <articles.json>', 'knowledge base in our articles format (default: KNOWLEDGE_BASE_PATH)')
    .option('--queries <queries.jsonl>', 'lines of {"query": "...", "relevant": ["article_id", ...]}', 'data/eval/retrieval_queries.jsonl')
    .option('--k <k>', 'results per query', '10')
    .option('--mode <mode>', 'hybrid, dense, lexical, or all (side by side)', 'all')
    .option('--split <split>', 'all, tune (the half fusion is tuned on) or test (the other half)', 'all')
    .option('--embedder <name>', 'local, openai or hashing (default: EMBEDDER)')
    .option('--fusion <method>', 'zsum (weighted z-score sum) or rrf (reciprocal rank fusion)', 'zsum')
    .option('--dense-weight <list>', 'zsum dense weight(s); a comma list sweeps them (default: the configured one)')
    .option('--drop-unknown', 'ignore relevant ids the KB lacks, and queries left with none (to evaluate on part of a KB)')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: Options) => {
      const config = configOrExit();
      const log = cliLogger(config);
      const k = Number(opts.k);
      if (!Number.isInteger(k) || k < 1 || k > 100) fail(`--k must be an integer from 1 to 100 (got "${opts.k}")`);
      const modeArg = oneOf('mode', opts.mode, [...RETRIEVAL_MODES, 'all'] as const);
      const modes: RetrievalMode[] = modeArg === 'all' ? RETRIEVAL_MODES : [modeArg];
      const split = oneOf<Split>('split', opts.split, ['all', 'tune', 'test']);
      const method = oneOf<FusionMethod>('fusion', opts.fusion, ['zsum', 'rrf']);
      const embedderName = oneOf<EmbedderName>('embedder', opts.embedder ?? config.knowledge.embedder, ['local', 'openai', 'hashing']);
      const weights = (opts.denseWeight ?? '').split(',').filter(Boolean).map(Number);
      if (weights.some((w) => !Number.isFinite(w) || w < 0)) fail(`--dense-weight must be non-negative numbers (got "${opts.denseWeight}")`);

      const kbPath = opts.kb ?? config.paths.knowledgeBase;
      let kb: KnowledgeBase;
      let queries;
      try {
        kb = new KnowledgeBase(loadArticles(kbPath));
        queries = loadRetrievalQueries(opts.queries, new Set(kb.all().map((a) => a.article_id)), { dropUnknown: opts.dropUnknown === true }).filter((q) => inSplit(q, split));
      } catch (err) {
        if (err instanceof KnowledgeBaseFileError || err instanceof QueriesFileError) fail(err.message);
        throw err;
      }
      const started = performance.now();
      const index = await HybridKnowledgeIndex.open(kb, createEmbedder(embedderName, config.knowledge, log), {
        hnsw: config.knowledge.hnsw,
        persistDir: `${config.knowledge.cacheDir}/knowledge`,
        log,
      });
      const indexMs = Math.round(performance.now() - started);

      const runs = modes.flatMap((mode): { mode: RetrievalMode; weight?: number }[] =>
        mode === 'hybrid' && weights.length > 0 ? weights.map((weight) => ({ mode, weight })) : [{ mode }],
      );
      // Warm-up (JIT, per-article passage caches) through BM25 only, so no query embedding gets cached; each
      // run below also starts with an empty query-embedding cache: its latency includes embedding every query.
      for (const q of queries) await index.searchWith(toKnowledgeQuery(q, k), 'lexical');
      const bar = progress('queries', runs.length * queries.length);
      const results = [];
      for (const run of runs) {
        const fusion = { ...index.fusion, method, ...(run.weight !== undefined ? { denseWeight: run.weight } : {}) };
        index.clearQueryCache();
        const metrics = await evaluateRetrieval(queries, (q) => index.searchWith(q, run.mode, fusion), k, () => bar.tick(run.mode));
        const fusionLabel = run.mode !== 'hybrid' ? '-' : method === 'rrf' ? `rrf k=${fusion.rrfK}` : `zsum w=${fusion.denseWeight}`;
        results.push({ mode: run.mode, fusion: fusionLabel, ...metrics });
      }
      bar.done();
      const report = {
        kb: kbPath,
        articles: kb.size,
        queries: opts.queries,
        split,
        evaluated: queries.length,
        k,
        embedder: embedderName,
        index: { ...index.stats(), ready_ms: indexMs },
        results,
      };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${queries.length} queries (${split}) over ${kb.size} articles from ${kbPath}; embedder ${index.stats().kind}, index ${index.origin} in ${indexMs} ms\n`);
      console.table(
        results.map((r) => ({
          mode: r.mode,
          fusion: r.fusion,
          'hit@1': r.hit_at_1,
          'hit@5': r.hit_at_5,
          'MRR@10': r.mrr_at_10,
          'nDCG@10': r.ndcg_at_10,
          'p50 ms': r.latency_ms.p50,
          'p95 ms': r.latency_ms.p95,
        })),
      );
    });
}
