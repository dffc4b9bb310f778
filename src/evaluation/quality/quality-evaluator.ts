import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Quality, QualityCheckResult } from '../../schemas/quality.schema.js';
import { completeCheck } from './checks/complete.check.js';
import { groundedCheck } from './checks/grounded.check.js';
import { createLengthCheck } from './checks/length.check.js';
import { createNoLeakCheck } from './checks/no-leak.check.js';
import { toneCheck } from './checks/tone.check.js';
import { unsupportedPromiseCheck } from './checks/unsupported-promise.check.js';
import type { QualityCheck, QualitySettings, ReplyContext } from './quality-check.js';
import type { ReplyJudge } from './reply-judge.js';

/** Bumped whenever a check changes meaning, so old and new scores are not compared. */
export const QUALITY_VERSION = 'checks-v1';

/** Checks whose failure makes a reply unsendable: the score is 0 whatever else passed. */
const CRITICAL = new Set(['no_leak']);

export function defaultChecks(settings: QualitySettings): QualityCheck[] {
  return [
    groundedCheck,
    completeCheck,
    toneCheck,
    unsupportedPromiseCheck,
    createLengthCheck(settings),
    createNoLeakCheck(settings),
  ];
}

export interface QualityEvaluatorOptions {
  settings: QualitySettings;
  checks?: QualityCheck[];
  judge?: ReplyJudge | undefined;
  judgeTimeoutMs?: number;
  log?: Logger;
}

/** Runs the automatic checks on every reply, then the optional judge beside them. */
export class QualityEvaluator {
  readonly checks: readonly QualityCheck[];

  constructor(private readonly opts: QualityEvaluatorOptions) {
    this.checks = opts.checks ?? defaultChecks(opts.settings);
  }

  /** The automatic checks only: synchronous, no network. */
  check(ctx: ReplyContext): Quality {
    const checks: QualityCheckResult[] = this.checks.map((c) => c.run(ctx));
    const failed = checks.filter((c) => !c.passed).map((c) => c.name);
    const mean = checks.reduce((s, c) => s + c.score, 0) / Math.max(1, checks.length);
    const score = failed.some((f) => CRITICAL.has(f)) ? 0 : Math.round(mean * 1000) / 1000;
    return { score, checks, failed, version: QUALITY_VERSION };
  }

  /** The automatic checks plus the judge's grade when one is configured; a failing judge adds nothing. */
  async evaluate(ctx: ReplyContext, signal?: AbortSignal): Promise<Quality> {
    const quality = this.check(ctx);
    const judge = this.opts.judge;
    if (!judge) return quality;
    try {
      const timeout = AbortSignal.timeout(this.opts.judgeTimeoutMs ?? 30_000);
      const verdict = await judge.grade(ctx, signal ? AbortSignal.any([signal, timeout]) : timeout);
      const score = Math.min(1, Math.max(0, verdict.score));
      return {
        ...quality,
        judge: { score, judge: judge.name, rubric_version: judge.rubricVersion, ...(verdict.rationale ? { rationale: verdict.rationale } : {}) },
      };
    } catch (err) {
      this.opts.log?.warn({ judge: judge.name, reason: errorMessage(err) }, 'reply judge failed; keeping the automatic checks only');
      return quality;
    }
  }
}
