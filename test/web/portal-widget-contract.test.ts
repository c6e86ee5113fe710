/**
 * The help center (web/portal) and the chat widget (web/widget) are typed by the server's API contract, as the
 * console is: renaming a field in src/contract/help-center.ts or src/contract/chat.ts (in memory, nothing
 * written) fails the web type check (web/tsconfig.json) where the page or the widget reads it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..', '..');
const helpContract = join(root, 'src', 'contract', 'help-center.ts');
const chatContract = join(root, 'src', 'contract', 'chat.ts');
const entries = [join(root, 'web', 'portal', 'app.tsx'), join(root, 'web', 'widget', 'chat.ts')];

function webProgram(edits: ReadonlyMap<string, (text: string) => string>, oldProgram?: ts.Program): ts.Program {
  const config = ts.readConfigFile(join(root, 'web', 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(root, 'web'));
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  host.readFile = (p) => {
    const text = read(p);
    const edit = edits.get(resolve(p));
    return text === undefined || !edit ? text : edit(text);
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (p, lang, onError, create) => {
    if (!edits.has(resolve(p))) return getSourceFile(p, lang, onError, create);
    const text = host.readFile(p);
    return text === undefined ? undefined : ts.createSourceFile(p, text, lang);
  };
  return ts.createProgram({ rootNames: entries, options: parsed.options, host, oldProgram });
}

const errorsOf = (program: ts.Program) =>
  ts.getPreEmitDiagnostics(program).map((d) => ({ file: d.file ? d.file.fileName.slice(root.length + 1) : '', text: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));

/** Replaces one field line and checks it was there. */
const rename = (pattern: RegExp, replacement: string) => (text: string) => {
  const next = text.replace(pattern, replacement);
  assert.notEqual(next, text, `the contract has ${pattern}`);
  return next;
};

test('renaming a field of the help-center or chat contract fails the help center and widget type check where they read it', () => {
  const clean = webProgram(new Map());
  assert.deepEqual(errorsOf(clean), [], 'the help center and the widget type-check against the contract as it is');

  const renamed = webProgram(
    new Map([
      [helpContract, rename(/status_path: Type\.String\(\)/, 'status_url: Type.String()')],
      [chatContract, rename(/^ {2}agents_online: Type\.Boolean\(\),$/m, '  agents_present: Type.Boolean(),')],
    ]),
    clean,
  );
  const errors = errorsOf(renamed);
  assert.ok(errors.some((e) => e.file === 'web/portal/app.tsx' && /'status_path'/.test(e.text)), JSON.stringify(errors));
  assert.ok(errors.some((e) => e.file === 'web/widget/chat.ts' && /'agents_online'/.test(e.text)), JSON.stringify(errors));
});
