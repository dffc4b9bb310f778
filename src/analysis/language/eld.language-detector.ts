import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DetectedLanguage } from '../../schemas/analysis.schema.js';
import { UNDETERMINED, type LanguageDetector } from './language-detector.js';

/** eld's n-gram databases, smallest first. All cover the same 60 languages. */
export const ELD_DATABASES = ['extrasmall', 'small', 'medium', 'large'] as const;
export type EldDatabase = (typeof ELD_DATABASES)[number];

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
}

/** One loaded database per process, shared by every detector built on it (the load costs 0.4 s+ and 50 MB+). */
const loaded = new Map<EldDatabase, { eld: Eld; loadMs: number }>();

/**
 * Loads eld's static entry for a database synchronously. eld ships ESM only and exports its entries under the
 * "import" condition, so the entry file is resolved beside the package's main entry and loaded with
 * require(esm) (Node >= 20.19), which keeps detect() synchronous and the load lazy.
 */
function loadEld(database: EldDatabase): { eld: Eld; loadMs: number } {
  let hit = loaded.get(database);
  if (!hit) {
    const started = performance.now();
    const main = fileURLToPath(import.meta.resolve('eld'));
    const entry = main.replace(/dynamic\.js$/, `static.${database}.js`);
    const mod = createRequire(import.meta.url)(entry) as { eld: Eld };
    hit = { eld: mod.eld, loadMs: Math.round(performance.now() - started) };
    loaded.set(database, hit);
  }
  return hit;
}

/**
 * Below this confidence the detector answers "und" (see confidenceFrom). On the check set the one wrong top-1
 * answer ("Forgot my password" -> it) scored 0.07 and the lowest right ones 0.09; 0.1 trades those two short French
 * rows (then "und": English reply, held for review) for never answering a confident wrong language there.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.1;

/**
 * eld scores each language in 0..1 (n-gram hits per n-gram, squashed as s / (s + 25)); the top score is
 * about 0.6-0.8 whatever the language, so it says little alone. What tells a sure call from a guess is how far
 * the winner stands above the runner-up: confidence = min(1, 4 * (top - second) / top). A winner 25% above the
 * runner-up (typical of a sentence or more) gets 1; "Forgot my password" (it 0.679 vs en 0.667) gets 0.07.
 * A lone candidate gets 1 when it has any score; no candidate at all (digits, symbols) gets 0.
 */
export function confidenceFrom(scores: Record<string, number>): number {
  const [top = 0, second = 0] = Object.values(scores).sort((a, b) => b - a);
  if (top <= 0) return 0;
  return Math.min(1, (4 * (top - second)) / top);
}

export interface EldDetectorOptions {
  database?: EldDatabase;
  /** Below this the answer is "und" with the measured confidence. */
  minConfidence?: number;
}

/** The detector in use: Nito-ELD (npm "eld"), chosen by measurement (README, "Languages"). */
export class EldLanguageDetector implements LanguageDetector {
  readonly id: string;
  private readonly database: EldDatabase;
  private readonly minConfidence: number;

  constructor(opts: EldDetectorOptions = {}) {
    this.database = opts.database ?? 'extrasmall';
    this.minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.id = `eld-${this.database}`;
  }

  /** Loads the database now (it loads on the first detect() otherwise); returns the load time of this process. */
  warmUp(): number {
    return loadEld(this.database).loadMs;
  }

  detect(text: string): DetectedLanguage {
    const { eld } = loadEld(this.database);
    const result = eld.detect(text);
    const confidence = round(confidenceFrom(result.getScores()));
    if (!result.language || confidence < this.minConfidence) return { code: UNDETERMINED, confidence };
    return { code: result.language, confidence };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
