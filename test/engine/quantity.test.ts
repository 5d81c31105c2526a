// Kubernetes quantity canonicalisation (src/engine/quantity.ts), table-tested
// against values read back from a real kube-apiserver 1.20.2: every row is
// [what Maestro emits, what the server stored, in a ResourceList?]. The
// ResourceList rows were written to a ResourceQuota's spec.hard and the others
// to a Pod's emptyDir.sizeLimit (both with --dry-run=server), over JSON: a
// number row was sent as a JSON number. Regenerate: docs/e2e.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalQuantity } from '../../src/engine/quantity.ts';

const readBack: [string | number, string, boolean][] = [
  ['1000m', '1', true],
  ['2048Mi', '2Gi', true],
  ['0.1', '100m', true],
  ['1', '1', true],
  ['2Gi', '2Gi', true],
  ['64Mi', '64Mi', true],
  ['100m', '100m', true],
  ['+1', '+1', true],
  ['1.', '1.', true],
  ['0.0', '0', true],
  ['.5', '500m', true],
  ['00100m', '00100m', true],
  ['1e3', '1e3', true],
  ['1E3', '1E3', true],
  ['1e-3', '1e-3', true],
  ['1.5Gi', '1536Mi', true],
  ['0.5Gi', '512Mi', true],
  ['1024Ki', '1Mi', true],
  ['1000Ki', '1000Ki', true],
  ['1k', '1k', true],
  ['12e6', '12e6', true],
  ['100M', '100M', true],
  ['1024', '1024', true],
  ['1024Mi', '1Gi', true],
  ['1536Mi', '1536Mi', true],
  ['0', '0', true],
  ['0m', '0', true],
  ['0Gi', '0', true],
  ['1.5', '1500m', true],
  ['250m', '250m', true],
  ['0.25', '250m', true],
  ['1Gi', '1Gi', true],
  ['512Mi', '512Mi', true],
  ['1.0', '1', true],
  ['10Gi', '10Gi', true],
  ['1000', '1k', true],
  ['1000000', '1M', true],
  ['1001m', '1001m', true],
  ['1.001', '1.001', true],
  ['0.001', '1m', true],
  ['0.0001', '1m', true],
  ['1n', '1m', true],
  ['0.1n', '1m', true],
  ['1u', '1m', true],
  ['1000E', '1', true],
  ['1E30', '1E30', true],
  ['1e+3', '1e+3', true],
  ['5e-1', '500e-3', true],
  ['1Ki', '1Ki', true],
  ['1023Ki', '1023Ki', true],
  ['1025', '1025', true],
  ['1000000000000000000000', '1', true],
  ['123456789012345678901', '123456789012345678901', true],
  ['1.5Ki', '1536', true],
  ['0.001Ki', '1024m', true],
  ['2.5G', '2500M', true],
  ['3Ti', '3Ti', true],
  ['0.5', '500m', true],
  ['2000Mi', '2000Mi', true],
  ['1000Mi', '1000Mi', true],
  ['1500m', '1500m', true],
  ['1m', '1m', true],
  ['10m', '10m', true],
  ['1.25', '1250m', true],
  ['4096Mi', '4Gi', true],
  ['8192Ki', '8Mi', true],
  ['7Ki', '7Ki', true],
  ['512', '512', true],
  ['100Ki', '100Ki', true],
  ['1n', '1n', false],
  ['0.1n', '1n', false],
  ['1u', '1u', false],
  ['1.5u', '1500n', false],
  ['1000m', '1', false],
  ['2048Mi', '2Gi', false],
  ['0.1', '100m', false],
  ['+1', '+1', false],
  ['1.001', '1.001', false],
  ['0.0001', '100u', false],
  ['5e-1', '500e-3', false],
  ['1e-12', '1e-9', false],
  ['1000E', '1', false],
  ['1.5Gi', '1536Mi', false],
  ['0.000000000001', '1n', false],
  ['123u', '123u', false],
  [0.1, '100m', false],
  [1, '1', false],
  [1e21, '1e+21', false],
  [1.5, '1500m', false],
  [1e-7, '100e-9', false],
  [1024, '1024', false],
  [2.5, '2500m', false],
  [1000, '1k', false],
  [0.001, '1m', false],
  [1e-10, '1e-9', false],
  [3, '3', false],
  [0.1, '100m', true],
  [1, '1', true],
  [1e21, '1e+21', true],
  [1.5, '1500m', true],
  [1e-7, '1e-3', true],
  [1024, '1024', true],
  [2.5, '2500m', true],
  [1000, '1k', true],
  [0.001, '1m', true],
  [1e-10, '1e-3', true],
  [3, '3', true],
];

test('canonicalQuantity reproduces what kube-apiserver 1.20 stored, row by row', () => {
  for (const [input, stored, resourceList] of readBack)
    assert.equal(
      canonicalQuantity(input, { resourceList }),
      stored,
      `${JSON.stringify(input)} (resourceList: ${resourceList})`,
    );
});

test('canonicalQuantity leaves what is not a quantity to the API server to reject', () => {
  for (const bad of ['', 'abc', '1.2.3', '1Qi', '--1', '1e', '1e1.5', true, null, {}, [1]])
    assert.equal(canonicalQuantity(bad), undefined, JSON.stringify(bad));
});

test('canonical text is a fixpoint: the server stores it as it is', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: 0, max: 1e12 }).map(String),
        fc
          .tuple(
            fc.integer({ min: 0, max: 99999 }),
            fc.constantFrom('m', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti', 'u', 'n', ''),
          )
          .map(([n, s]) => `${n}${s}`),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
      ),
      fc.boolean(),
      (input, resourceList) => {
        const once = canonicalQuantity(input, { resourceList });
        if (once === undefined) return;
        assert.equal(canonicalQuantity(once, { resourceList }), once);
      },
    ),
  );
});
