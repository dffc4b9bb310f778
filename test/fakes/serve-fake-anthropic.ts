/**
 * Runs the fake Messages API in its own process, so a benchmark measures our pipeline and not the fake's
 * CPU work. Argument: JSON latencies by tool name. Prints the base URL as its first line; stops on SIGTERM.
 */
import { FakeAnthropic } from './fake-anthropic.js';

const fake = new FakeAnthropic();
fake.latencyMs = JSON.parse(process.argv[2] ?? '{}') as Record<string, number>;
await fake.start();
process.stdout.write(`${fake.url}\n`);
process.on('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
