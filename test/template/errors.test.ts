// Template failures map to stable error codes, and every template code is
// documented in docs/errors.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { templateErrors } from '../../src/errors.ts';
import { createEngine, templateErrorCode } from '../../src/template/engine.ts';

test('every template error code is listed in docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  for (const code of Object.keys(templateErrors)) assert.ok(doc.includes(`\`${code}\``), code);
});

test('parse, exec and budget failures get their codes', () => {
  const e = createEngine({ missingkey: 'error', budget: { steps: 100 } });
  const cases: [string, string][] = [
    ['{{if}}', 'MAESTRO_TEMPLATE_PARSE'],
    ['{{.missing}}', 'MAESTRO_TEMPLATE_EXEC'],
    ['{{range .a}}{{range $.a}}x{{end}}{{end}}', 'MAESTRO_TEMPLATE_BUDGET'],
  ];
  for (const [tpl, code] of cases) {
    const r = e.tryRender('t', tpl, { a: Array.from({ length: 50 }, () => 'x') });
    assert.equal(r.ok, false, tpl);
    if (!r.ok) assert.equal(templateErrorCode(r), code, tpl);
  }
});
