import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildApp } from '../../app.js';
import { withDeps } from '../runtime.js';

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('print the OpenAPI document (or write it with --out)')
    .option('--out <file>', 'write to this file, e.g. openapi/openapi.json')
    .action(async (opts: { out?: string }) => {
      await withDeps({}, async (deps, config) => {
        const app = await buildApp({ config, deps });
        await app.ready();
        const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
        await app.close();
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      });
    });
}
