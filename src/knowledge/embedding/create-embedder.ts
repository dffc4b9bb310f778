import type { KnowledgeConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Embedder } from './embedder.js';
import { HashingEmbedder } from './hashing.embedder.js';
import { OpenAiEmbedder } from './openai.embedder.js';
import { SifEmbedder } from './sif.embedder.js';
import { loadWinkWordVectors } from './word-vectors.js';

export type EmbedderName = KnowledgeConfig['embedder'] | 'hashing';

/** The embedder the configuration names: local SIF-GloVe (default), an OpenAI-compatible server, or hashing. */
export function createEmbedder(name: EmbedderName, config: KnowledgeConfig, log: Logger): Embedder {
  if (name === 'hashing') return new HashingEmbedder();
  if (name === 'openai') {
    const o = config.openai;
    return new OpenAiEmbedder({
      ...(o.apiKey ? { apiKey: o.apiKey } : {}),
      ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
      model: o.model,
      ...(o.dimensions ? { dimensions: o.dimensions } : {}),
      batchSize: o.batchSize,
      maxRetries: o.maxRetries,
      timeoutMs: o.timeoutMs,
    });
  }
  const started = performance.now();
  const words = loadWinkWordVectors(config.cacheDir, (msg) => log.info({}, msg));
  log.debug({ words: words.size, ms: Math.round(performance.now() - started) }, 'word vectors loaded');
  return new SifEmbedder(words);
}
