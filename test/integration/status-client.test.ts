import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusClient, StatusUnavailableError } from '../../src/status/status-client.js';
import { relateStatus } from '../../src/status/relate.js';
import { startMockStatus } from '../helpers/build-test-app.js';

let mock: Awaited<ReturnType<typeof startMockStatus>>;
beforeAll(async () => {
  mock = await startMockStatus();
});
afterAll(() => mock.app.close());

function countingFetch() {
  const calls: string[] = [];
  const f: typeof fetch = (input, init) => {
    calls.push(String(input));
    return fetch(input, init);
  };
  return { f, calls };
}

describe('mock status server (real HTTP)', () => {
  it('speaks the Statuspage v2 shapes', async () => {
    const summary = (await (await fetch(`${mock.url}/api/v2/summary.json`)).json()) as any;
    expect(summary.status.indicator).toMatch(/none|minor|major|critical/);
    expect(summary.components.length).toBeGreaterThan(5);
    expect(summary.incidents.every((i: { resolved_at: unknown }) => i.resolved_at === null)).toBe(true);
    const unresolved = (await (await fetch(`${mock.url}/api/v2/incidents/unresolved.json`)).json()) as any;
    expect(unresolved.incidents.map((i: { id: string }) => i.id)).toEqual(summary.incidents.map((i: { id: string }) => i.id));
    const deployments = (await (await fetch(`${mock.url}/api/v2/deployments.json`)).json()) as any;
    expect(deployments.deployments[0]).toMatchObject({ version: expect.any(String), deployed_at: expect.any(String) });
  });
});

describe('StatusClient', () => {
  it('caches answers for the TTL and shares one request between concurrent callers', async () => {
    let now = 1_000_000;
    const { f, calls } = countingFetch();
    const client = new StatusClient({ baseUrl: mock.url, timeoutMs: 1000, cacheTtlMs: 300_000, fetch: f, now: () => now });
    const [a, b] = await Promise.all([client.snapshot(), client.snapshot()]);
    expect(a.fromCache).toBe(false);
    expect(b.snapshot).toBe(a.snapshot);
    expect(calls.length).toBe(2); // summary + deployments, once
    now += 299_000;
    expect((await client.snapshot()).fromCache).toBe(true);
    expect(calls.length).toBe(2);
    now += 2_000;
    expect((await client.snapshot()).fromCache).toBe(false);
    expect(calls.length).toBe(4);
  });

  it('serves a recent snapshot while the API fails, and fails once it is too old', async () => {
    let now = 0;
    let up = true;
    const f: typeof fetch = (input, init) => (up ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')));
    const client = new StatusClient({ baseUrl: mock.url, timeoutMs: 1000, cacheTtlMs: 1000, staleIfErrorMs: 60_000, fetch: f, now: () => now });
    await client.snapshot();
    up = false;
    now = 30_000;
    expect((await client.snapshot()).fromCache).toBe(true);
    now = 61_000;
    await expect(client.snapshot()).rejects.toBeInstanceOf(StatusUnavailableError);
  });

  it('reports an unreachable API as StatusUnavailableError', async () => {
    const client = new StatusClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 500, cacheTtlMs: 1000 });
    await expect(client.snapshot()).rejects.toThrow(/unreachable/);
  });

  it('relates an incident by component and error code, and a deployment by version', async () => {
    const client = new StatusClient({ baseUrl: mock.url, timeoutMs: 1000, cacheTtlMs: 1000 });
    const { snapshot } = await client.snapshot();
    const slack = relateStatus(
      snapshot,
      {
        text: 'Slack notifications stopped after the update, error E4002',
        analysis: { error_codes: ['E4002'], mentioned_products: ['Nimbus for Slack'], product_versions: ['4.8.0'] },
        ticketTime: new Date(),
      },
      'live',
    );
    expect(slack.related_to_ticket).toBe(true);
    const incident = slack.incidents.find((i) => i.related_to_ticket)!;
    expect(incident.affected_components.join(' ')).toMatch(/Slack/);
    expect(incident.relation_reasons.join(' ')).toMatch(/E4002|Slack/);
    expect(slack.recent_deployments.find((d) => d.version === '4.8.0')?.related_to_ticket).toBe(true);

    const unrelated = relateStatus(
      snapshot,
      { text: 'How do I change the email on my account?', analysis: { error_codes: [], mentioned_products: [], product_versions: [] }, ticketTime: new Date() },
      'live',
    );
    expect(unrelated.incidents.some((i) => i.related_to_ticket)).toBe(false);
  });
});
