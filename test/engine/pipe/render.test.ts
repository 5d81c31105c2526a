// What the engine renders for a Pipe task (docs/pipe.md), checked on the
// corpus's two Pipe tasks: empty artifacts, a Job whose pod is the user's
// init container plus one locked-down `publish` container, and RBAC that
// grants nothing beyond get/patch/update on those artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import { renderStep } from '../../../src/engine/plan/render.ts';
import {
  DEFAULT_PIPE_IMAGE,
  PIPE_EXECUTION_ANNOTATION,
  PIPE_PUBLISHED_ANNOTATION,
  publishArgs,
} from '../../../src/engine/pipe/index.ts';
import {
  EXECUTION_ANNOTATION,
  PUBLISHED_ANNOTATION,
  parseTarget,
} from '../../../src/kube/publish/artifacts.ts';
import { childKinds } from '../../../src/cli/manifests/child-kinds.ts';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../../src/package/parse.ts';
import { corpusDir, loadPackage, NS } from '../plan/support.ts';

interface Rendered {
  objects: KObject[];
  ov: ReturnType<typeof loadPackage>['ov'];
}

function renderPipeStep(
  pkg: string,
  where: { plan: string; phase: string; step: string; task: string },
  pipeImage?: string,
): Rendered {
  const p = loadPackage(corpusDir(pkg));
  const ov = viewOperatorVersion(p.ov as unknown as Record<string, unknown>);
  const params: Record<string, unknown> = {};
  for (const d of ov.parameters) params[d.name] = d.default === undefined ? '' : String(d.default);
  const r = renderStep(ov, [where.task], {
    instanceName: 'inst',
    namespace: NS,
    instanceUid: 'uid-1',
    plan: where.plan,
    phase: where.phase,
    step: where.step,
    params,
    nowMs: 0,
    declared: childKinds(parsePackageOrThrow(loadPackageFiles(corpusDir(pkg)))),
    execution: 'e1-abc',
    ...(pipeImage !== undefined && { pipeImage }),
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
  return { objects: r.tasks.flatMap((t) => t.objects.map((o) => o.body)), ov: p.ov };
}

const cowsay = () =>
  renderPipeStep('cowsay', { plan: 'deploy', phase: 'main', step: 'genfiles', task: 'genwww' });
const kafka = () =>
  renderPipeStep('kafka', {
    plan: 'deploy',
    phase: 'deploy-kafka',
    step: 'generate-tls-certificates',
    task: 'generate-tls-certificates',
  });

const byKind = (objs: KObject[], kind: string) => objs.filter((o) => o.kind === kind);
const one = (objs: KObject[], kind: string) => {
  const found = byKind(objs, kind);
  assert.equal(found.length, 1, kind);
  return found[0]!;
};

test('artifacts are rendered empty, with KUDO names; Secrets are Opaque', () => {
  for (const [r, kind, names] of [
    [cowsay(), 'ConfigMap', ['inst.deploy.main.genfiles.genwww.indexhtml']],
    [
      kafka(),
      'Secret',
      [
        'inst.deploy.deploykafka.generatetlscertificates.generatetlscertificates.privatekey',
        'inst.deploy.deploykafka.generatetlscertificates.generatetlscertificates.certificate',
      ],
    ],
  ] as const) {
    const artifacts = byKind(r.objects, kind);
    assert.deepEqual(
      artifacts.map((a) => a.metadata.name),
      names,
    );
    for (const a of artifacts) {
      assert.equal(a.data, undefined);
      assert.equal(a.binaryData, undefined);
      assert.equal(a.stringData, undefined);
      assert.equal(a.metadata.namespace, NS);
      if (kind === 'Secret') assert.equal(a.type, 'Opaque');
    }
  }
});

test('RBAC is minimal: get, patch, update on the named artifacts only, bound to the Job ServiceAccount only', () => {
  for (const r of [cowsay(), kafka()]) {
    const job = one(r.objects, 'Job');
    const name = job.metadata.name!;
    const sa = one(r.objects, 'ServiceAccount');
    const role = one(r.objects, 'Role');
    const binding = one(r.objects, 'RoleBinding');
    assert.equal(sa.metadata.name, name);
    assert.equal(role.metadata.name, name);
    assert.equal(binding.metadata.name, name);
    const artifacts = r.objects.filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret');
    const rules = role.rules as Record<string, unknown>[];
    const granted = new Set<string>();
    for (const rule of rules) {
      assert.deepEqual(
        Object.keys(rule).sort(),
        ['apiGroups', 'resourceNames', 'resources', 'verbs'],
        'no nonResourceURLs or other fields',
      );
      assert.deepEqual(rule.apiGroups, ['']);
      assert.deepEqual([...(rule.verbs as string[])].sort(), ['get', 'patch', 'update']);
      const resources = rule.resources as string[];
      assert.equal(resources.length, 1);
      assert.ok(['configmaps', 'secrets'].includes(resources[0]!), resources[0]);
      const kind = resources[0] === 'configmaps' ? 'ConfigMap' : 'Secret';
      const names = rule.resourceNames as string[];
      assert.ok(names.length > 0, 'resourceNames set');
      for (const n of names) {
        assert.ok(!n.includes('*'), 'no wildcard');
        assert.ok(
          artifacts.some((a) => a.kind === kind && a.metadata.name === n),
          `${kind}/${n} is an artifact of this task`,
        );
        granted.add(`${kind}/${n}`);
      }
    }
    // Every artifact is granted, and nothing else.
    assert.deepEqual(
      [...granted].sort(),
      artifacts.map((a) => `${a.kind}/${a.metadata.name}`).sort(),
    );
    assert.deepEqual(binding.roleRef, {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name,
    });
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name, namespace: NS }]);
  }
});

test("the Job's pod: the user's init container unchanged, one locked-down publish container, OnFailure", () => {
  const r = cowsay();
  const job = one(r.objects, 'Job');
  const spec = (job.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  const userPod = parse(
    (r.ov.spec as { templates: Record<string, string> }).templates['pipe-pod.yaml']!,
  ) as { spec: { initContainers: unknown[]; volumes: unknown[] } };
  assert.deepEqual(spec.initContainers, userPod.spec.initContainers);
  assert.deepEqual(spec.volumes, userPod.spec.volumes);
  assert.equal(spec.restartPolicy, 'OnFailure');
  assert.equal(spec.serviceAccountName, job.metadata.name);
  const containers = spec.containers as Record<string, unknown>[];
  assert.equal(containers.length, 1);
  const publish = containers[0]!;
  assert.equal(publish.name, 'publish');
  assert.equal(publish.image, DEFAULT_PIPE_IMAGE);
  assert.equal(publish.command, undefined, "the image's entrypoint is maestro");
  assert.deepEqual(publish.args, [
    'pipe',
    'publish',
    '--namespace',
    '$(POD_NAMESPACE)',
    '--execution',
    'e1-abc',
    '--configmap',
    'inst.deploy.main.genfiles.genwww.indexhtml=/tmp/index.html',
  ]);
  assert.deepEqual(publish.env, [
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  ]);
  assert.deepEqual(publish.volumeMounts, [
    { name: 'shared-data', mountPath: '/tmp', readOnly: true },
  ]);
  const sc = publish.securityContext as Record<string, unknown>;
  assert.equal(sc.runAsNonRoot, true);
  assert.ok(typeof sc.runAsUser === 'number' && sc.runAsUser > 0);
  assert.equal(sc.readOnlyRootFilesystem, true);
  assert.equal(sc.allowPrivilegeEscalation, false);
  assert.equal(sc.privileged, false);
  assert.deepEqual(sc.capabilities, { drop: ['ALL'] });
});

test('--pipe-image reaches the publish container', () => {
  const r = renderPipeStep(
    'cowsay',
    { plan: 'deploy', phase: 'main', step: 'genfiles', task: 'genwww' },
    'registry.example/maestro:1.2.3',
  );
  const job = one(r.objects, 'Job');
  const c = (job.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
    .containers[0]!;
  assert.equal(c.image, 'registry.example/maestro:1.2.3');
});

test("the publish arguments are exactly what `maestro pipe publish` parses, with the publisher's annotations", () => {
  const r = kafka();
  const job = one(r.objects, 'Job');
  const args = (job.spec as { template: { spec: { containers: { args: string[] }[] } } }).template
    .spec.containers[0]!.args;
  const targets: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--secret') targets.push(parseTarget('Secret', args[++i]!));
    if (args[i] === '--configmap') targets.push(parseTarget('ConfigMap', args[++i]!));
  }
  assert.deepEqual(targets, [
    {
      kind: 'Secret',
      name: 'inst.deploy.deploykafka.generatetlscertificates.generatetlscertificates.privatekey',
      file: '/tmp/tls.key',
    },
    {
      kind: 'Secret',
      name: 'inst.deploy.deploykafka.generatetlscertificates.generatetlscertificates.certificate',
      file: '/tmp/tls.crt',
    },
  ]);
  assert.deepEqual(
    args,
    publishArgs(
      'e1-abc',
      targets.map((t) => {
        const x = t as { kind: 'Secret'; name: string; file: string };
        return { ...x, dataKey: x.file.slice(x.file.lastIndexOf('/') + 1) };
      }),
    ),
  );
  assert.equal(PIPE_EXECUTION_ANNOTATION, EXECUTION_ANNOTATION);
  assert.equal(PIPE_PUBLISHED_ANNOTATION, PUBLISHED_ANNOTATION);
});

async function validateAgainstKubernetes(obj: KObject): Promise<void> {
  const [group, version] = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion];
  const mod = (await import(
    `kubernetes-models/${group === '' ? '' : `${group}/`}${version}/${obj.kind}`
  )) as Record<string, new (o: unknown) => { validate(): void }>;
  new mod[obj.kind]!(obj).validate();
}

test('every rendered object validates against the kubernetes-models 4.5.1 schemas', async () => {
  for (const r of [cowsay(), kafka()]) {
    assert.deepEqual(
      r.objects.map((o) => o.kind).sort(),
      [
        ...r.objects
          .filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret')
          .map((o) => o.kind),
        'Job',
        'Role',
        'RoleBinding',
        'ServiceAccount',
      ].sort(),
    );
    for (const o of r.objects) {
      assert.ok(isRecord(o.metadata));
      await assert.doesNotReject(validateAgainstKubernetes(o), `${o.kind}/${o.metadata.name}`);
    }
  }
});
