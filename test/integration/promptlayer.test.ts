import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpPromptLayerClient } from '../../src/evaluation/promptlayer/promptlayer.client.js';
import { PromptLayerReporter } from '../../src/evaluation/promptlayer/promptlayer.reporter.js';
import { silentLogger } from '../../src/logger.js';
import type { PipelineOutput } from '../../src/schemas/result.schema.js';
import { buildTestApp, sampleTicket } from '../helpers/build-test-app.js';

interface Received {
  path: string;
  body: Record<string, unknown>;
}

/** A local stand-in for api.promptlayer.com that records every call; `status` sets its answer. */
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let status = 200;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });

let output: PipelineOutput;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ path: req.url ?? '', body: JSON.parse(await readBody(req)) });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: status === 200 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A real result from the pipeline, with the PromptLayer ids the provider layer records on model calls.
  const t = await buildTestApp();
  const { record } = await t.deps.tickets.submit({ ...sampleTicket, ticket_id: 'PL-1' });
  await t.close();
  output = {
    ...(record as PipelineOutput),
    trace: record.trace!.map((span) => (span.agent === 'analyzer' || span.agent === 'synthesis' ? { ...span, promptlayer_request_id: `pl_req_${span.agent}` } : span)),
  };
});
beforeEach(() => {
  received = [];
  status = 200;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const reporter = () => new PromptLayerReporter(new HttpPromptLayerClient({ apiKey: 'pl_test_key', baseUrl }), silentLogger);

describe('PromptLayer scores and variant metadata', () => {
  it('sends the variant as metadata and the quality scores as scores on each recorded request id', async () => {
    const result = await reporter().report('PL-1', output);
    const ids = new Set(received.map((r) => r.body.request_id));
    expect(ids).toEqual(new Set(['pl_req_analyzer', 'pl_req_synthesis']));
    for (const r of received) expect(r.body.api_key).toBe('pl_test_key');

    const meta = received.filter((r) => r.path === '/library-track-metadata');
    expect(meta).toHaveLength(2);
    expect(meta[0]!.body.metadata).toMatchObject({ ticket_id: 'PL-1', variant: 'baseline', quality_version: 'checks-v1' });
    for (const m of meta) for (const v of Object.values(m.body.metadata as object)) expect(typeof v).toBe('string');

    const scores = received.filter((r) => r.path === '/library-track-score' && r.body.request_id === 'pl_req_synthesis');
    const byName = Object.fromEntries(scores.map((s) => [s.body.name, s.body.score]));
    expect(byName.quality).toBe(Math.round(output.quality!.score * 100));
    expect(Object.keys(byName)).toEqual(['quality', ...output.quality!.checks.map((c) => `quality_${c.name}`)]);
    for (const s of scores) expect(Number.isInteger(s.body.score)).toBe(true);
    expect(result).toEqual({ sent: received.length, failed: 0 });
  });

  it('sends nothing for a ticket answered offline (no request ids)', async () => {
    const offline = { ...output, trace: output.trace.map(({ promptlayer_request_id: _id, ...span }) => span) };
    expect(await reporter().report('PL-2', offline)).toEqual({ sent: 0, failed: 0 });
    expect(received).toEqual([]);
  });

  it('never throws when PromptLayer is failing; it counts the failures', async () => {
    status = 500;
    const result = await reporter().report('PL-3', output);
    expect(result.sent).toBe(0);
    expect(result.failed).toBe(received.length);
    expect(received.length).toBeGreaterThan(0);
  });
});
