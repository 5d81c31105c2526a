// A render reports whether it drew from the seeded random source (engine.ts
// trackedRandom): every sprig 3.2.3 function that reads crypto/rand or
// math/rand in Go does, deterministic functions do not. The plan engine keeps
// children rendered with a generator sticky (docs/plan-engine.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/template/engine.ts';
import { sprigFuncMap } from '../../src/template/sprig/index.ts';
import { encodeResult } from '../../src/template/protocol.ts';
import type { GoValue } from '../../src/template/value.ts';

const engine = createEngine({ funcs: sprigFuncMap(), seed: 'generators' });

function render(text: string, data: Record<string, unknown> = {}) {
  const r = engine.tryRender('t', text, data as unknown as GoValue);
  if (!r.ok) assert.fail(`${text}: ${r.err}`);
  return r;
}

// Key material made once, then passed in as data, so that the *WithKey and
// signing functions are checked on their own draws.
const material = render(
  `{{ $ca := genCA "ca" 30 }}{{ $ca.Cert | b64enc }}|{{ $ca.Key | b64enc }}|{{ genPrivateKey "ecdsa" }}|{{ encryptAES "key" "plain" }}`,
).out.split('|');
const data = { caCert: material[0], caKey: material[1], key: material[2], secret: material[3] };
const ca = '(buildCustomCert .caCert .caKey)';

// Every sprig 3.2.3 function that draws from Go's crypto/rand or math/rand.
const generators: [string, string][] = [
  ['randAlphaNum', '{{ randAlphaNum 8 }}'],
  ['randAlpha', '{{ randAlpha 8 }}'],
  ['randNumeric', '{{ randNumeric 8 }}'],
  ['randAscii', '{{ randAscii 8 }}'],
  ['randBytes', '{{ randBytes 8 }}'],
  ['randInt', '{{ randInt 1 1000 }}'],
  ['uuidv4', '{{ uuidv4 }}'],
  ['shuffle', '{{ shuffle "abcdef" }}'],
  ['bcrypt (random salt)', '{{ bcrypt "secret" }}'],
  ['htpasswd (bcrypt, random salt)', '{{ htpasswd "user" "secret" }}'],
  ['encryptAES (random IV)', '{{ encryptAES "key" "plain" }}'],
  ['genPrivateKey', '{{ genPrivateKey "ecdsa" }}'],
  ['genCA', '{{ (genCA "ca" 30).Cert }}'],
  ['genCAWithKey (serial)', '{{ (genCAWithKey "ca" 30 .key).Cert }}'],
  ['genSelfSignedCert', '{{ (genSelfSignedCert "x" nil nil 30).Cert }}'],
  [
    'genSelfSignedCertWithKey (serial)',
    '{{ (genSelfSignedCertWithKey "x" nil nil 30 .key).Cert }}',
  ],
  ['genSignedCert', `{{ (genSignedCert "x" nil nil 30 ${ca}).Cert }}`],
  ['genSignedCertWithKey (serial)', `{{ (genSignedCertWithKey "x" nil nil 30 ${ca} .key).Cert }}`],
  [
    'a generator inside a defined template',
    '{{ define "p" }}{{ uuidv4 }}{{ end }}{{ template "p" }}',
  ],
  ['a generator in an unused branch result', '{{ $x := randAlpha 3 }}fixed'],
];

// Deterministic functions, including neighbours of the generators.
const plain: [string, string][] = [
  ['text only', 'hello'],
  [
    'derivePassword (deterministic)',
    '{{ derivePassword 1 "long" "password" "user" "example.com" }}',
  ],
  ['decryptAES', '{{ decryptAES "key" .secret }}'],
  ['buildCustomCert', `{{ ${ca}.Cert | len }}`],
  ['sha256sum', '{{ sha256sum "x" }}'],
  ['now (a clock, not a random source)', '{{ now | date "2006" }}'],
  ['toYaml over a dict', '{{ dict "a" 1 | toYaml }}'],
  ['sortAlpha', '{{ list "b" "a" | sortAlpha }}'],
  ['a generator in a branch not taken', '{{ if false }}{{ randAlphaNum 5 }}{{ end }}'],
];

for (const [name, text] of generators) {
  test(`generator: ${name} marks the render generated`, () => {
    assert.equal(render(text, data).generated, true);
  });
}

for (const [name, text] of plain) {
  test(`not a generator: ${name}`, () => {
    assert.equal(render(text, data).generated, undefined);
  });
}

test('generated is per render: a plain render after a generator render is not marked', () => {
  assert.equal(render('{{ randAlpha 4 }}').generated, true);
  assert.equal(render('{{ upper "x" }}').generated, undefined);
});

test('a failed render still reports a draw that happened before the error', () => {
  const r = engine.tryRender('t', '{{ randAlpha 4 }}{{ fail "x" }}', undefined);
  assert.equal(r.ok, false);
  assert.equal(r.generated, true);
  const p = engine.tryRender('t', '{{ randAlpha', undefined);
  assert.equal(p.ok, false);
  assert.equal(p.generated, undefined);
});

test('the oracle protocol encoding carries no generated field', () => {
  const r = render('{{ randAlpha 4 }}');
  assert.doesNotMatch(encodeResult(r), /generated/);
});
