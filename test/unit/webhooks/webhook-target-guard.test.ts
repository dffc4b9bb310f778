import { describe, expect, it } from 'vitest';
import { isNonPublicAddress, webhookTargetProblem } from '../../../src/webhooks/webhook-target-guard.js';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('refuses %s', (ip) => expect(isNonPublicAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '100.128.0.1', '203.0.113.7', '2606:4700::1111', '::ffff:8.8.4.4'])(
    'allows %s',
    (ip) => expect(isNonPublicAddress(ip)).toBe(false),
  );
});

describe('webhookTargetProblem', () => {
  const lookup = async (host: string): Promise<string[]> => {
    const table: Record<string, string[]> = {
      'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
      'sneaky.example.com': ['93.184.216.34', '10.0.0.5'],
    };
    if (!table[host]) throw new Error('ENOTFOUND');
    return table[host];
  };

  it('allows a host whose every address is public', async () => {
    expect(await webhookTargetProblem('https://hooks.example.com/in', lookup)).toBeUndefined();
  });
  it('refuses a host with any private address, naming it', async () => {
    expect(await webhookTargetProblem('https://sneaky.example.com/in', lookup)).toMatch(/sneaky\.example\.com .*10\.0\.0\.5/);
  });
  it('refuses IP literals in private ranges without a lookup, IPv6 in brackets too', async () => {
    expect(await webhookTargetProblem('http://169.254.169.254/latest/meta-data', lookup)).toMatch(/169\.254\.169\.254/);
    expect(await webhookTargetProblem('http://[::1]:8080/x', lookup)).toMatch(/::1/);
  });
  it('refuses a host that does not resolve', async () => {
    expect(await webhookTargetProblem('https://nowhere.invalid/x', lookup)).toMatch(/does not resolve/);
  });
});
