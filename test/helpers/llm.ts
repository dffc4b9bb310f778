import { loadProductCatalog, ProductMatcher } from '../../src/analysis/product-catalog.js';
import { analyzeTicketLocally } from '../../src/analysis/local-analyzer.js';
import type { StructuredRequest } from '../../src/llm/llm-provider.js';
import { loadModelConfig, type ModelOverrides } from '../../src/llm/model-config.js';
import type { ModelProviderDeps } from '../../src/llm/model-provider.js';
import { PriceTable } from '../../src/llm/pricing.js';
import type { RetryPolicy } from '../../src/llm/retry.js';
import { silentLogger } from '../../src/logger.js';
import { analyzerPrompt } from '../../src/orchestrator/prompts/analyzer.prompt.js';
import { AnalysisSchema, type Analysis } from '../../src/schemas/analysis.schema.js';
import { sampleTicket } from './build-test-app.js';

/** Real backoff arithmetic, tiny delays; every sleep is recorded so tests can assert what was waited. */
export function fastRetry(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    maxRetries: 2,
    baseDelayMs: 1,
    maxDelayMs: 4,
    maxRetryAfterMs: 2000,
    sleep: async (ms) => {
      slept.push(ms);
    },
    slept,
    ...overrides,
  };
}

export const models = loadModelConfig('config/models.json');
export const prices = PriceTable.fromFile('data/pricing.json');

export function modelDeps(retry: RetryPolicy = fastRetry()): ModelProviderDeps {
  return { models, prices, retry, log: silentLogger };
}

const products = new ProductMatcher(loadProductCatalog('data/catalog/products.json'));

/** The analyzer's real request: its schema, its prompt with the ticket in <ticket>, its offline method. */
export function analyzerRequest(options?: ModelOverrides, ticket = sampleTicket): StructuredRequest<Analysis> {
  return {
    agent: 'analyzer',
    schemaName: 'ticket_analysis',
    schema: AnalysisSchema,
    prompt: () => analyzerPrompt({ ticket }),
    local: () => analyzeTicketLocally(ticket, undefined, { products }),
    localModel: 'local-rules-v1',
    ticketId: 'T-1',
    ...(options ? { options } : {}),
  };
}
