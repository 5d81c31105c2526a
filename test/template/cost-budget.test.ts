// The budget counts what costs (issue 11): bytes of the strings and lists
// functions build, charged before the call allocates; output in UTF-8 bytes;
// a weighted cap on key generation and password hashing; semverCompare
// charged as it matches. Each case names the template and the action, as budget errors do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, templateErrorCode } from '../../src/template/engine.ts';
import type { Budget } from '../../src/template/funcs.ts';
import { sprigFuncMap } from '../../src/template/sprig/index.ts';

const engine = (budget: Partial<Budget> = {}) =>
  createEngine({ funcs: sprigFuncMap(), missingkey: 'error', budget });

const cases: Array<{
  name: string;
  template: string;
  budget?: Partial<Budget>;
  error: RegExp;
}> = [
  {
    name: 'a string doubled with cat',
    template:
      '{{ $s := repeat 7000 "0123456789" }}{{ range until 16 }}{{ $s = cat $s $s }}{{ end }}',
    error:
      /at <cat \$s \$s>: render budget exhausted: more than 67108864 bytes of intermediate strings, lists and maps/,
  },
  {
    name: 'a string doubled with printf',
    template: '{{ $s := "ab" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}',
    error: /at <printf "%s%s" \$s \$s>: render budget exhausted: more than 67108864 bytes/,
  },
  {
    name: 'a list doubled with concat',
    template: '{{ $l := list "x" }}{{ range until 40 }}{{ $l = concat $l $l }}{{ end }}',
    error: /at <concat \$l \$l>: render budget exhausted: more than 67108864 bytes/,
  },
  {
    name: 'b64enc of b64enc, over and over',
    template: '{{ $s := repeat 1000 "x" }}{{ range until 60 }}{{ $s = b64enc $s }}{{ end }}',
    budget: { allocBytes: 1_000_000 },
    error: /at <b64enc \$s>: render budget exhausted: more than 1000000 bytes/,
  },
  {
    name: 'join of a long list, joined again',
    template: '{{ $l := until 1000 }}{{ range until 100 }}{{ $s := join "," $l }}{{ end }}',
    budget: { allocBytes: 1_000_000 },
    error: /at <join "," \$l>: render budget exhausted: more than 1000000 bytes/,
  },
  {
    name: 'bcrypt in a loop',
    template: '{{ range until 600 }}{{ bcrypt "x" }}{{ end }}',
    budget: { costly: 3 },
    error:
      /at <bcrypt "x">: render budget exhausted: more than 3 units of key generation and password hashing \(bcrypt\)/,
  },
  {
    name: 'a 4096-bit key over a smaller costly budget, refused before the work',
    template: '{{ genPrivateKey "rsa" }}',
    budget: { costly: 31 },
    error: /more than 31 units of key generation and password hashing \(4096-bit RSA key\)/,
  },
  {
    name: 'genCA in a loop',
    template: '{{ range until 100 }}{{ $ca := genCA "x" 1 }}{{ end }}',
    budget: { costly: 9 },
    error:
      /units of key generation and password hashing \((2048-bit RSA key|certificate signature)\)/,
  },
  {
    name: 'derivePassword in a loop',
    template: '{{ range until 100 }}{{ derivePassword 1 "long" "p" "u" "s" }}{{ end }}',
    budget: { costly: 3 },
    error: /\(derivePassword\)/,
  },
  {
    name: 'a dict grown with set in a loop',
    template:
      '{{ $d := dict }}{{ $k := until 1000 }}{{ range $i := until 2000 }}{{ range $j := $k }}{{ $_ := set $d (print $i "-" $j) $j }}{{ end }}{{ end }}',
    error:
      /at <set \$d .*>: render budget exhausted: more than 67108864 bytes of intermediate strings, lists and maps/,
  },
  {
    name: 'copies of a map with deepCopy',
    template:
      '{{ $big := dict }}{{ range $i := until 10000 }}{{ $_ := set $big (print "k" $i) $i }}{{ end }}{{ $d := dict }}{{ range $i := until 1000 }}{{ $_ := set $d (print $i) (deepCopy $big) }}{{ end }}',
    error:
      /at <deepCopy \$big>: render budget exhausted: more than 67108864 bytes of intermediate strings, lists and maps/,
  },
  {
    name: 'a map merged into itself under new keys',
    template:
      '{{ $d := dict "a" 1 }}{{ range $i := until 20000 }}{{ $d = merge (dict (print "x" $i) $i) $d }}{{ end }}',
    budget: { allocBytes: 4 * 1024 * 1024 },
    error:
      /at <merge .*>: render budget exhausted: more than 4194304 bytes of intermediate strings, lists and maps/,
  },
  {
    name: 'a long semverCompare constraint, its matching charged to the steps',
    template: '{{ semverCompare (repeat 20000 ">=1.2.3 ") "1.2.3" }}',
    budget: { steps: 1_000_000 },
    error: /at <semverCompare .*>: render budget exhausted: more than 1000000 evaluation steps/,
  },
];

for (const c of cases) {
  test(`budget: ${c.name} fails on the budget and names the template`, () => {
    const r = engine(c.budget).tryRender('hostile.yaml', c.template, {});
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.match(r.err, /^template: hostile\.yaml:1:\d+: executing "hostile\.yaml"/);
    assert.match(r.err, c.error);
    assert.equal(templateErrorCode(r), 'MAESTRO_TEMPLATE_BUDGET');
  });
}

test('budget: the output budget counts UTF-8 bytes, not UTF-16 units', () => {
  const e = engine({ outputBytes: 10 });
  assert.deepEqual(e.tryRender('t', '{{ repeat 5 "é" }}', {}), { ok: true, out: 'ééééé' });
  const over = e.tryRender('t', '{{ repeat 6 "é" }}', {});
  assert.ok(!over.ok && /output larger than 10 bytes/.test(over.err));
  const emoji = e.tryRender('t', '{{ "😀😀😀" }}', {});
  assert.ok(!emoji.ok, '3 four-byte characters are 12 bytes');
});

test('budget: what real templates do stays far below the limits', () => {
  const e = engine();
  const r = e.tryRender(
    't',
    '{{ $l := list }}{{ range $i := until 500 }}{{ $l = append $l (printf "item-%d" $i) }}{{ end }}{{ join "," $l | b64enc | len }}' +
      '{{ semverCompare ">=1.2.3, <2.0.0 || ~3.1" "1.5.0" }}{{ $ca := genCA "ca" 365 }}{{ $c := genSignedCert "x" nil nil 365 $ca }}',
    {},
  );
  assert.ok(r.ok, r.ok ? '' : r.err);
});

test('budget: concat of long lists does not overflow the stack', () => {
  const r = engine({ allocBytes: 1e9 }).tryRender(
    't',
    '{{ concat (until 300000) (until 300000) | len }}',
    {},
  );
  assert.deepEqual(r, { ok: true, out: '600000' });
});
