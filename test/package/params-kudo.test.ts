// Parameters as KUDO reads them, differentially against the Go oracle: each
// case is a params.yaml declaration, the v1beta1 default KUDO's
// WrapParamValue writes for it (kudo-semantics.md §1.3), and the Go value
// KUDO's ParamsMap hands templates (§3.2, pkg/util/convert ParamValue). The
// template renders through `maestro render --raw` (package form, `type`),
// through the v1beta1 OperatorVersion (`value-type`), and through the Go
// oracle with KUDO's Go value; all three must print the same bytes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { renderRaw } from '../../src/package/render/index.ts';
import { packageResources } from '../../src/package/resources.ts';
import { templateSupport } from '../../src/package/template-engine.ts';
import { paramsMap } from '../../src/package/variables.ts';
import { valueProblem } from '../../src/webhooks/admission/parameter-values.ts';
import { viewOperatorVersion } from '../../src/engine/plan/ov.ts';
import { renderParams } from '../../src/engine/plan/params.ts';

const oracle = execFileSync(process.execPath, ['scripts/oracle.mjs', '--build'], {
  encoding: 'utf8',
}).trim();

interface Case {
  name: string;
  /** The parameter's lines in params.yaml, under `- name: P`. */
  decl: string;
  /** KUDO's v1beta1 default (undefined: no default). */
  wrapped: string | undefined;
  /** What KUDO's ParamsMap gives templates for P (JSON for the oracle). */
  goValue: unknown;
  template: string;
}

const show =
  '{{ printf "%v|%T" .Params.P .Params.P }}|{{ range .Params.P }}<{{ . }}>{{ end }}|{{ if .Params.P }}set{{ else }}empty{{ end }}';
const showMap =
  '{{ printf "%v" .Params.P }}|{{ range $k, $v := .Params.P }}<{{ $k }}={{ $v }}>{{ end }}|{{ if .Params.P }}set{{ else }}empty{{ end }}';

const cases: Case[] = [
  {
    name: 'array with a list default',
    decl: 'type: array\n    default:\n      - a\n      - 1\n      - "yes"',
    wrapped: '- a\n- 1\n- "yes"\n',
    goValue: ['a', 1, 'yes'],
    template: show,
  },
  {
    name: 'array with default left empty',
    decl: 'type: array\n    default:',
    wrapped: 'null\n',
    goValue: [],
    template: show,
  },
  {
    name: 'array with default: null',
    decl: 'type: array\n    default: null',
    wrapped: 'null\n',
    goValue: [],
    template: show,
  },
  {
    name: 'array with no default key at all',
    decl: 'type: array\n    required: false',
    wrapped: 'null\n',
    goValue: [],
    template: show,
  },
  {
    name: 'array with an empty list',
    decl: 'type: array\n    default: []',
    wrapped: '[]\n',
    goValue: [],
    template: show,
  },
  {
    name: 'map with a map default (YAML 1.1 keys, sorted)',
    decl: 'type: map\n    default:\n      zed: "on"\n      yes: 2\n      a10: x\n      a9: "y"',
    wrapped: 'a9: "y"\na10: x\n"true": 2\nzed: "on"\n',
    goValue: { a9: 'y', a10: 'x', true: 2, zed: 'on' },
    template: showMap,
  },
  {
    name: 'map with default left empty',
    decl: 'type: map\n    default:',
    wrapped: 'null\n',
    goValue: null,
    template: showMap,
  },
  {
    name: 'map with an empty map',
    decl: 'type: map\n    default: {}',
    wrapped: '{}\n',
    goValue: {},
    template: showMap,
  },
  {
    name: 'integer default through %v',
    decl: 'type: integer\n    default: 3',
    wrapped: '3',
    goValue: '3',
    template: '{{ .Params.P }}|{{ add .Params.P 1 }}',
  },
  {
    name: 'a large number default through %v of float64',
    decl: 'type: number\n    default: 123456789',
    wrapped: '1.23456789e+08',
    goValue: '1.23456789e+08',
    template: '{{ .Params.P }}',
  },
  {
    name: 'boolean default through %v',
    decl: 'type: boolean\n    default: true',
    wrapped: 'true',
    goValue: 'true',
    template: '{{ eq .Params.P "true" }}',
  },
  {
    name: 'string with a null default: no default, the empty string',
    decl: 'type: string\n    default:\n    required: false',
    wrapped: undefined,
    goValue: '',
    template: '[{{ .Params.P }}]',
  },
];

function pkgOf(c: Case) {
  const files = new Map<string, string>([
    [
      'operator.yaml',
      'apiVersion: kudo.dev/v1beta1\nname: p\noperatorVersion: 0.1.0\nplans:\n  deploy:\n    strategy: serial\n    phases: []\n',
    ],
    ['params.yaml', `apiVersion: kudo.dev/v1beta1\nparameters:\n  - name: P\n    ${c.decl}\n`],
    ['templates/t.yaml', c.template],
  ]);
  return parsePackageOrThrow(files);
}

const goOut = (c: Case): string => {
  const line = JSON.stringify({ template: c.template, data: { Params: { P: c.goValue } } });
  const r = JSON.parse(execFileSync(oracle, { input: `${line}\n`, encoding: 'utf8' })) as {
    ok: boolean;
    out: string;
    err?: string;
  };
  assert.ok(r.ok, r.err);
  return r.out;
};

for (const c of cases) {
  test(`parameters as KUDO reads them: ${c.name}`, () => {
    const pkg = pkgOf(c);
    const res = packageResources(pkg, 'i');
    const beta = res.operatorVersion.spec!.parameters![0]!;
    assert.equal(beta.default, c.wrapped, 'the v1beta1 default KUDO writes');
    assert.ok('value-type' in beta && !('type' in beta));
    const expected = goOut(c);

    // maestro render --raw (package -> v1beta1 OperatorVersion -> ParamsMap).
    const raw = renderRaw(pkg, templateSupport(), {
      instance: 'i',
      namespace: 'ns',
      plan: 'deploy',
      phase: '',
      step: '',
      values: {},
    });
    assert.ok(!('error' in raw && typeof raw.error === 'string'), JSON.stringify(raw));
    const t = (raw as Record<string, { ok: boolean; out?: string; err?: string }>)['t.yaml']!;
    assert.ok(t.ok, t.err);
    assert.equal(t.out, expected, 'render --raw against the oracle');

    // The same ParamsMap from the v1beta1 form (value-type) and from the
    // engine's view of both served versions.
    const fromBeta = paramsMap(res.operatorVersion.spec!.parameters!, {});
    assert.ok(fromBeta.ok);
    for (const ov of [res.operatorVersion, res.v1.operatorVersion]) {
      const view = viewOperatorVersion(ov);
      const engine = renderParams(
        view,
        Object.fromEntries(
          view.parameters.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]),
        ),
      );
      assert.ok(engine.ok);
      assert.deepEqual(engine.params, fromBeta.params, `engine params from ${ov.apiVersion}`);
      // Admission: the wrapped default counts as a default (no "required" denial).
      const def = viewOperatorVersion(ov).byName.get('P')!;
      assert.equal(valueProblem(def, undefined), undefined);
    }
  });
}
