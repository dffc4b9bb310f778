// Builds the review console (vite) into console/dist, which the API serves at /console.
// `npm run build` runs it plainly; `npm ci` runs it through `prepare` with --if-possible, which skips (and says
// so) when the sources are not there yet (a Docker layer that copies only package*.json) or vite is not
// installed (npm ci --omit=dev), so those installs do not fail.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const ifPossible = process.argv.includes('--if-possible');

if (!existsSync(`${dir}index.html`)) {
  console.log('console: sources not present, not built');
  process.exit(ifPossible ? 0 : 1);
}
let vite;
try {
  vite = await import('vite');
} catch {
  console.log('console: vite is not installed (dev dependencies omitted), not built; run "npm run build" after "npm ci"');
  process.exit(ifPossible ? 0 : 1);
}
const started = performance.now();
await vite.build({ configFile: `${dir}vite.config.ts`, logLevel: 'warn' });
console.log(`console: built into console/dist in ${Math.round(performance.now() - started)} ms`);
