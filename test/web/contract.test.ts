/**
 * The console is typed by the server's API contract (src/contract), so a field the server renames breaks the
 * console's build instead of the console at run time. Checked with the web type check's own settings
 * (web/tsconfig.json) on the ticket pages, once as the tree is and once with `subject` renamed in the contract's
 * TicketJson (in memory, nothing written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..', '..');
const tickets = join(root, 'src', 'contract', 'tickets.ts');
// Two pages that read tickets are enough (and keep the check quick); build-web type-checks all of web/.
const pages = ['ticket-list.tsx', 'ticket-page.tsx'].map((f) => join(root, 'web', 'agent', 'pages', 'tickets', f));

function webProgram(edit?: (path: string, text: string) => string, oldProgram?: ts.Program): ts.Program {
  const configPath = join(root, 'web', 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(root, 'web'));
  const host = ts.createCompilerHost(parsed.options);
  if (edit) {
    const read = host.readFile.bind(host);
    host.readFile = (p) => {
      const text = read(p);
      return text === undefined ? text : edit(resolve(p), text);
    };
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (p, lang, onError, create) => {
      if (resolve(p) !== tickets) return getSourceFile(p, lang, onError, create);
      const text = host.readFile(p);
      return text === undefined ? undefined : ts.createSourceFile(p, text, lang);
    };
  }
  return ts.createProgram({ rootNames: pages, options: parsed.options, host, oldProgram });
}

const errorsOf = (program: ts.Program) =>
  ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? d.file.fileName.slice(root.length + 1) : '',
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));

test('renaming a field in the API contract fails the console type check where the console reads it', () => {
  const clean = webProgram();
  assert.deepEqual(errorsOf(clean), [], 'the ticket pages type-check against the contract as it is');

  const renamed = webProgram((path, text) => {
    if (path !== tickets) return text;
    const next = text.replace(/^ {2}subject: Type\.String\(\),$/m, '  title: Type.String(),');
    assert.notEqual(next, text, 'TicketJson has a subject field to rename');
    return next;
  }, clean);
  const errors = errorsOf(renamed);
  const files = new Set(errors.filter((e) => /'subject'/.test(e.text)).map((e) => e.file));
  assert.ok(files.has('web/agent/pages/tickets/ticket-list.tsx'), JSON.stringify(errors));
  assert.ok(files.has('web/agent/pages/tickets/ticket-page.tsx'), JSON.stringify(errors));
});
