/**
 * README promises Node.js 20.19+. A dependency that declares a newer Node (cookie 2 and i18next 27 asked for 22)
 * makes `npm ci` warn EBADENGINE and may break at run time: every package the lockfile installs must accept the
 * oldest Node the README states.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

test('every package in the lockfile runs on the oldest Node.js the README states', () => {
  const readme = read('README.md');
  const stated = /Node\.js (\d+\.\d+)\+ is needed/.exec(readme)?.[1];
  assert.ok(stated, 'README states the minimum Node.js version as "Node.js X.Y+ is needed"');
  const minimum = `${stated}.0`;
  const pkg = JSON.parse(read('package.json')) as { engines?: { node?: string } };
  assert.equal(semver.minVersion(pkg.engines?.node ?? '')?.version, minimum, 'package.json engines.node matches the README');

  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
  const refusing = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && !p.optional && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .filter(([, p]) => !semver.satisfies(minimum, (p.engines as { node: string }).node))
    .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} wants node ${(p.engines as { node: string }).node}`);
  assert.deepEqual(refusing, []);
});
