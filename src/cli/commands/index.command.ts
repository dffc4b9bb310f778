import type { Command } from 'commander';
import { createKnowledgeIndex } from '../../knowledge/create-knowledge-index.js';
import { KnowledgeBase, loadArticles } from '../../knowledge/knowledge-base.js';
import { cliLogger, configOrExit } from '../runtime.js';

/** `index build`: prepares word vectors and the knowledge index ahead of the first start (e.g. in a Docker image). */
export function registerIndexCommand(program: Command): void {
  program
    .command('index')
    .description('knowledge index maintenance')
    .command('build')
    .description('convert the word vectors and build (or load) the configured knowledge index under CACHE_DIR; prints its stats')
    .action(async () => {
      const config = configOrExit();
      const started = performance.now();
      const kb = new KnowledgeBase(loadArticles(config.paths.knowledgeBase));
      const index = await createKnowledgeIndex(kb, config.knowledge, cliLogger(config));
      const stats = { ...index.stats(), kb_hash: kb.hash(), cache_dir: config.knowledge.cacheDir, ms: Math.round(performance.now() - started) };
      process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    });
}
