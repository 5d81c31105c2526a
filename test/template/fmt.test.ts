// Go's fmt, as templates reach it through printf/print/println and {{.}}:
// a table of verbs, flags, widths, precisions and value types, each rendered
// by the oracle and by Maestro's engine in process; the outputs must be equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/template/engine.ts';
import { parseGoJson } from '../../src/template/protocol.ts';
import { oracle } from './differential.ts';

const values = [
  '0',
  '-7',
  '255',
  '1.0',
  '3.14159',
  '-0.000012345',
  '1e21',
  '123456789.0',
  '2.5',
  '0.5',
  '1.5',
  '100000.0',
  '1000000.0',
  '"héllo"',
  '""',
  '"a\\"b\\\\c\\n"',
  '"日本語"',
  'true',
  'null',
  '[1, "a", null, 2.5, [true]]',
  '{"b": 1, "a": [2], "c": {"d": null}}',
  '[]',
  '{}',
];
const verbs = [
  '%v',
  '%+v',
  '%#v',
  '%T',
  '%d',
  '%5d',
  '%-5d|',
  '%05d',
  '%+d',
  '% d',
  '%x',
  '%X',
  '%#x',
  '%o',
  '%#o',
  '%O',
  '%b',
  '%c',
  '%q',
  '%U',
  '%#U',
  '%e',
  '%E',
  '%.2e',
  '%f',
  '%.0f',
  '%.3f',
  '%8.2f|',
  '%-8.2f|',
  '%08.2f',
  '%+.1f',
  '%g',
  '%.3g',
  '%G',
  '%#g',
  '%s',
  '%.2s',
  '%8s|',
  '%-8s|',
  '%q',
  '%+q',
  '%#q',
  '%x',
  '% x',
  '%#x',
  '% #X',
  '%t',
  '%5t',
  '%p',
  '%z',
  '%!',
  '%',
  '%%',
  '%[1]v %[1]T',
  '%[2]v',
  '%*d',
  '%.*f',
  '%-*d|',
  '%v %v',
  '%[3]v',
  '%[0]v',
  '%.[2]d',
];

function cases(): { template: string; data: string }[] {
  const out: { template: string; data: string }[] = [];
  for (const v of values) {
    for (const verb of verbs) {
      // %p of a slice or map prints a memory address in Go: not reproducible.
      if (verb === '%p' && (v.startsWith('[') || v.startsWith('{'))) continue;
      out.push({ template: `{{printf ${JSON.stringify(verb)} .v}}`, data: `{"v":${v}}` });
    }
    out.push({ template: '{{.v}}|{{print .v .v}}|{{println .v}}', data: `{"v":${v}}` });
    out.push({ template: '{{print "a" .v 1 2 "b" "c" .v}}', data: `{"v":${v}}` });
  }
  out.push({ template: '{{printf "%*d|%.*f|%-*s|" 5 42 2 3.14159 4 "ab"}}', data: '{}' });
  out.push({ template: '{{printf "%d %s" 1}}', data: '{}' });
  out.push({ template: '{{printf "%d" 1 2 "x" nil}}', data: '{}' });
  out.push({ template: '{{printf "%.3v|%10.4v|%-10v|" 3.14159 "abcdefgh" true}}', data: '{}' });
  out.push({ template: '{{printf "%6.2f%%" 99.5}}', data: '{}' });
  out.push({ template: '{{printf "%c%c%c" 72 105 0x1F600}}', data: '{}' });
  out.push({ template: '{{printf "%x %X %o %b" -255 -255 -8 -5}}', data: '{}' });
  out.push({ template: '{{printf "%e %g %v" 1e-320 1e308 5e-324}}', data: '{}' });
  out.push({ template: '{{printf "%.20f|%.15e|%.17g" 0.1 0.1 0.1}}', data: '{}' });
  out.push({ template: '{{printf "%v %.1f %.0f %.0f %.0f" 0.125 0.25 0.5 1.5 2.5}}', data: '{}' });
  return out;
}

test('printf, print, println and {{.}} agree with Go for a table of verbs and values', () => {
  const all = cases();
  for (const numbers of ['int', 'float64'] as const) {
    const lines = all.map(
      (c) =>
        `{"template":${JSON.stringify(c.template)},"data":${c.data},"missingkey":"default","numbers":"${numbers}"}`,
    );
    const o = oracle(lines);
    const e = createEngine({ missingkey: 'default' });
    const failures: string[] = [];
    all.forEach((c, i) => {
      const r = e.tryRender('t', c.template, parseGoJson(c.data, numbers === 'int'));
      const oi = o[i]!;
      const same = r.ok === oi.ok && (r.ok ? r.out === oi.out : true);
      if (!same)
        failures.push(
          `${c.template} ${c.data} (${numbers}): oracle ${JSON.stringify(oi)} maestro ${JSON.stringify(r)}`,
        );
    });
    assert.deepEqual(
      failures.slice(0, 20),
      [],
      `${failures.length} of ${all.length} differ (${numbers})`,
    );
  }
});
