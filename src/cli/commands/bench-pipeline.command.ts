import Anthropic from '@anthropic-ai/sdk';
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config.js';
import { createDeps } from '../../container.js';
import { loadScenarios, percentile } from '../../evaluation/scenarios.js';
import { PIPELINE_MODES, type PipelineMode } from '../../orchestrator/orchestrator.js';
import type { TicketResult } from '../../schemas/result.schema.js';
import { cliLogger, configOrExit, progress } from '../runtime.js';

const TOOLS = { analyzer: 'ticket_analysis', knowledge: 'article_ranking', status: 'status_judgement', synthesis: 'draft_reply' } as const;
type AgentKey = keyof typeof TOOLS;

/**
 * The fake Messages API lives with the tests (the bench runs from a checkout) and runs in a child process,
 * as a real API is remote: its CPU work must not count as our pipeline's.
 */
async function startFake(latencyMs: Record<string, number>): Promise<{ url: string; stop: () => void }> {
  const path = fileURLToPath(new URL('../../../test/fakes/serve-fake-anthropic.ts', import.meta.url));
  if (!existsSync(path)) throw new Error(`bench pipeline needs the fake Claude server at ${path} (run it from a source checkout)`);
  const child = spawn(process.execPath, ['--import', 'tsx', path, JSON.stringify(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake Claude server exited with ${code}`)));
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim().split('\n')[0]!));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function parseLatencies(spec: string): Record<AgentKey, number> {
  const out = { analyzer: 800, knowledge: 600, status: 300, synthesis: 1500 };
  for (const part of spec.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!k || !(k in out) || !Number.isFinite(Number(v))) throw new Error(`--latency: "${part}" is not agent=ms (agents: ${Object.keys(out).join(', ')})`);
    out[k as AgentKey] = Number(v);
  }
  return out;
}

/**
 * The same-run baseline: the critical path's model calls made with the bare SDK (analyzer, then retrieval and
 * status together, then synthesis) to the same fake, with no pipeline around them. What the pipeline adds is
 * its p50 minus this one's.
 */
async function runBaseline(baseUrl: string, n: number, inFlight: number) {
  const client = new Anthropic({ apiKey: 'bench-key', baseURL: baseUrl, maxRetries: 0 });
  const call = (tool: string) =>
    client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      tools: [{ name: tool, input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: tool },
      messages: [{ role: 'user', content: '<ticket>\nSubject: bench\n\nbench\n</ticket>' }],
    });
  const once = async () => {
    await call(TOOLS.analyzer);
    await Promise.all([call(TOOLS.knowledge), call(TOOLS.status)]);
    await call(TOOLS.synthesis);
  };
  await Promise.all(Array.from({ length: inFlight }, once));
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < n) {
      const t0 = performance.now();
      await once();
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  times.sort((a, b) => a - b);
  return { p50_ms: Math.round(percentile(times, 50)), p95_ms: Math.round(percentile(times, 95)) };
}

async function runMode(mode: PipelineMode, baseUrl: string, n: number, inFlight: number) {
  const config = loadConfig({
    ...process.env,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_BASE_URL: baseUrl,
    LLM_PROVIDER: 'anthropic',
    LLM_CHAIN: 'anthropic',
    PROMPTLAYER_API_KEY: '',
    DATABASE_URL: 'sqlite::memory:',
    PIPELINE_MODE: mode,
    RECOVER_ON_START: 'false',
  });
  const deps = await createDeps(config, cliLogger(config));
  const tickets = loadScenarios('data/sample_tickets/test_cases.json').map((s) => s.ticket);
  const run = Date.now().toString(36);
  const times: number[] = [];
  let discarded = 0;
  let degraded = 0;
  let next = 0;
  const bar = progress(`${mode} ×${inFlight}`, n);
  try {
    // Warm up as many connections as will be in flight, and the JIT, so the figures describe the steady state.
    await Promise.all(Array.from({ length: inFlight }, (_, i) => deps.tickets.submit({ ...tickets[i % tickets.length]!, ticket_id: `WARM-${mode}-${run}-${i}` })));
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const worker = async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        const { record } = await deps.tickets.submit({ ...tickets[i % tickets.length]!, ticket_id: `BENCH-${mode}-${run}-${inFlight}-${i}` });
        times.push(performance.now() - t0);
        if (record.status !== 'completed') throw new Error(`ticket ${record.ticket_id} ${record.status}: ${record.error ?? ''}`);
        discarded += (record as TicketResult).trace?.filter((t) => t.outcome === 'discarded').length ? 1 : 0;
        degraded += record.degraded ? 1 : 0;
        bar.tick();
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const cpu = process.cpuUsage(cpu0);
    bar.done();
    times.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x);
    return {
      tickets: n,
      in_flight: inFlight,
      p50_ms: r(percentile(times, 50)),
      p95_ms: r(percentile(times, 95)),
      max_ms: r(times.at(-1) ?? 0),
      wall_s: Math.round((performance.now() - started) / 10) / 100,
      /** This process's CPU per ticket (the fake model server runs in its own process). */
      cpu_ms_per_ticket: Math.round((cpu.user + cpu.system) / 1000 / n),
      speculation_misses: discarded,
      degraded,
    };
  } finally {
    await deps.close();
  }
}

export function registerPipelineBench(bench: Command): void {
  bench
    .command('pipeline')
    .description('end-to-end ticket time against the critical path, with a fake Claude API answering each agent after a set latency')
    .option('-n, --tickets <n>', 'tickets per measurement one at a time', '5')
    .option('--in-flight <c>', 'tickets in flight for the concurrent measurement', '20')
    .option('--latency <spec>', 'model latency per agent, ms', 'analyzer=800,knowledge=600,status=300,synthesis=1500')
    .option('--modes <list>', `pipeline modes to measure (${PIPELINE_MODES.join(', ')})`, PIPELINE_MODES.join(','))
    .option('--json', 'print only the JSON result')
    .action(async (opts: { tickets: string; inFlight: string; latency: string; modes: string; json?: boolean }) => {
      configOrExit();
      const n = Number(opts.tickets);
      const inFlight = Number(opts.inFlight);
      const lat = parseLatencies(opts.latency);
      const modes = opts.modes.split(',').map((m) => m.trim()) as PipelineMode[];
      for (const m of modes) if (!PIPELINE_MODES.includes(m)) throw new Error(`--modes: unknown mode "${m}"`);
      const critical = lat.analyzer + Math.max(lat.knowledge, lat.status) + lat.synthesis;
      const fake = await startFake(Object.fromEntries(Object.entries(TOOLS).map(([agent, tool]) => [tool, lat[agent as AgentKey]])));
      const results: Record<string, unknown> = {};
      const ratio = (x: number) => Math.round((x / critical) * 1000) / 1000;
      let baseline: Record<string, unknown> = {};
      try {
        const b1 = await runBaseline(fake.url, n, 1);
        const bn = await runBaseline(fake.url, Math.max(inFlight * 2, n), inFlight);
        baseline = { one_at_a_time: { ...b1, p50_ratio: ratio(b1.p50_ms) }, concurrent: { ...bn, in_flight: inFlight, p50_ratio: ratio(bn.p50_ms) } };
        for (const mode of modes) {
          const one = await runMode(mode, fake.url, n, 1);
          const many = await runMode(mode, fake.url, Math.max(inFlight * 2, n), inFlight);
          results[mode] = {
            one_at_a_time: { ...one, p50_ratio: ratio(one.p50_ms), p95_ratio: ratio(one.p95_ms), overhead_over_baseline_p50_ms: one.p50_ms - b1.p50_ms },
            concurrent: { ...many, p50_ratio: ratio(many.p50_ms), p95_ratio: ratio(many.p95_ms), overhead_over_baseline_p50_ms: many.p50_ms - bn.p50_ms },
          };
        }
      } finally {
        fake.stop();
      }
      const report = {
        benchmark: 'pipeline',
        provider: 'anthropic (fake Messages API over HTTP, real SDK)',
        latency_ms: lat,
        critical_path_ms: critical,
        critical_path: 'analyzer + max(knowledge, status) + synthesis',
        goal: 'sequential p50_ratio <= 1.05, one at a time and concurrent',
        baseline_sdk_calls_only: baseline,
        modes: results,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (!opts.json) {
        for (const [mode, r] of Object.entries(results) as [string, { one_at_a_time: { p50_ratio: number }; concurrent: { p50_ratio: number; in_flight: number } }][]) {
          process.stderr.write(`${mode}: ${r.one_at_a_time.p50_ratio}× the critical path one at a time, ${r.concurrent.p50_ratio}× with ${r.concurrent.in_flight} in flight\n`);
        }
      }
    });
}
