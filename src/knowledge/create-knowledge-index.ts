import { join } from 'node:path';
import type { KnowledgeConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createEmbedder } from './embedding/create-embedder.js';
import { HybridKnowledgeIndex } from './hybrid.index.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { LexicalKnowledgeIndex } from './lexical.index.js';

/**
 * The configured index: hybrid (the default, chosen by `eval retrieval`), dense, or BM25 alone. Hybrid and
 * dense load their HNSW index from CACHE_DIR/knowledge when the KB content hash and embedder id match, and
 * build and save it otherwise.
 */
export async function createKnowledgeIndex(kb: KnowledgeBase, config: KnowledgeConfig, log: Logger): Promise<KnowledgeIndex> {
  if (config.index === 'lexical') return new LexicalKnowledgeIndex(kb);
  return HybridKnowledgeIndex.open(kb, createEmbedder(config.embedder, config, log), {
    mode: config.index,
    hnsw: config.hnsw,
    persistDir: join(config.cacheDir, 'knowledge'),
    queryCacheSize: config.queryCacheSize,
    log: log.child({ module: 'knowledge' }),
  });
}
