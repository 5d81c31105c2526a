// The applier the tests use to check Maestro's patches (`jsonpatch`) passes
// the json-patch-test-suite cases, so a patch it applies correctly is a
// correct RFC 6902 patch. Cases the suite marks `disabled` are skipped, as the
// suite asks; cases that expect an error must throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import jsonpatch from 'jsonpatch';

interface Case {
  comment?: string;
  doc: unknown;
  patch: unknown[];
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

const require = createRequire(import.meta.url);
const suites: [string, Case[]][] = [
  ['tests.json', require('json-patch-test-suite/tests.json') as Case[]],
  ['spec_tests.json', require('json-patch-test-suite/spec_tests.json') as Case[]],
];

for (const [file, cases] of suites) {
  test(`jsonpatch passes json-patch-test-suite ${file}`, () => {
    let ran = 0;
    cases.forEach((c, i) => {
      const label = `${file}[${i}] ${c.comment ?? c.error ?? ''}`;
      if (c.disabled) return;
      ran += 1;
      if (c.error !== undefined) {
        assert.throws(() => jsonpatch.apply_patch(structuredClone(c.doc), c.patch), Error, label);
      } else if (Object.hasOwn(c, 'expected')) {
        assert.deepStrictEqual(
          jsonpatch.apply_patch(structuredClone(c.doc), c.patch),
          c.expected,
          label,
        );
      } else {
        // No expectation given: the patch must apply without error.
        assert.doesNotThrow(() => jsonpatch.apply_patch(structuredClone(c.doc), c.patch), label);
      }
    });
    assert.ok(ran > 0);
  });
}
