#!/usr/bin/env node
// The walletdesk command. It runs the bundle in dist/cli (built by `npm ci`, `npm start` and `npm test`) when that
// is at least as new as src/; otherwise the TypeScript sources through tsx's loader, so a fresh clone or an
// edited tree never runs stale code.
import { pathToFileURL } from 'node:url';
import { bundleIsFresh, entry } from '../scripts/cli-bundle.mjs';

if (bundleIsFresh()) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
