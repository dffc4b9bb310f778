import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteTicketStore } from '../../src/tickets/sqlite.ticket-store.js';
import { buildTestApp, sampleTicket, tempDir } from '../helpers/build-test-app.js';

describe('persistence', () => {
  const dir = tempDir();
  afterEach(() => undefined);

  it('keeps results across an app restart', async () => {
    const file = join(dir.path, 'restart.db');
    const first = await buildTestApp({ sqlitePath: file });
    const created = await first.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'KEEP-1' } });
    expect(created.statusCode).toBe(201);
    await first.close();

    const second = await buildTestApp({ sqlitePath: file });
    try {
      const res = await second.app.inject({ method: 'GET', url: '/tickets/KEEP-1' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(created.json());
      const again = await second.app.inject({ method: 'POST', url: '/tickets', payload: { ...sampleTicket, ticket_id: 'KEEP-1' } });
      expect(again.statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('finishes a ticket that a crash left in "processing" when the service starts again', async () => {
    const file = join(dir.path, 'crash.db');
    // What a crash mid-pipeline leaves behind: the accepted ticket, no result.
    const crashed = new SqliteTicketStore(file);
    await crashed.insert({ ticket_id: 'CRASH-1', ticket: { ...sampleTicket, ticket_id: 'CRASH-1' }, status: 'processing', created_at: new Date().toISOString() });
    await crashed.close();

    const t = await buildTestApp({ sqlitePath: file });
    try {
      expect((await t.deps.store.get('CRASH-1'))?.status).toBe('processing');
      expect(await t.deps.tickets.recoverUnfinished()).toBe(1);
      const record = await t.deps.store.get('CRASH-1');
      expect(record?.status).toBe('completed');
      expect(record?.attempts).toBe(2);
      expect(record?.response?.response_text.length).toBeGreaterThan(50);
    } finally {
      await t.close();
      dir.remove();
    }
  });
});
