// Shared helpers for the plan engine tests: corpus packages as v1
// OperatorVersions, their CompositeController, and a simulation of one Instance.
import { join } from 'node:path';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../../src/package/parse.ts';
import { packageResources } from '../../../src/package/resources.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { childKinds } from '../../../src/cli/manifests/child-kinds.ts';
import { compositeController } from '../../../src/cli/manifests/composite-controller.ts';
import { Discovery } from '../../../src/simulator/index.ts';
import { PlanSimulation } from '../../../src/simulator/plan-simulation.ts';
import type { PlanSimulationOptions } from '../../../src/simulator/plan-simulation.ts';
import type { CompositeController } from '../../../src/webhooks/metacontroller/wire/index.ts';

/** The corpus in ../shared (or MAESTRO_SHARED), as every test reads it. */
export const CORPUS = join(
  process.env.MAESTRO_SHARED ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared'),
  'corpus',
  'kudo-operators',
);
export const NS = 'ns';

export function corpusDir(name: string): string {
  const base = join(CORPUS, name);
  const versions = loadVersions(base);
  return join(base, versions[versions.length - 1]!);
}

function loadVersions(base: string): string[] {
  // One version per package in the corpus; sorted for stability.
  return [...new Set([...loadPackageFilesList(base)])].sort();
}

import { readdirSync } from 'node:fs';
function loadPackageFilesList(base: string): string[] {
  return readdirSync(base);
}

export interface LoadedPackage {
  operator: string;
  ov: KObject;
  instance: KObject;
  controller: CompositeController;
}

/** A package from disk (or from a map of files) as the objects a cluster would hold. */
export function loadPackage(
  dirOrFiles: string | Map<string, string>,
  instanceName = 'inst',
): LoadedPackage {
  const files = typeof dirOrFiles === 'string' ? loadPackageFiles(dirOrFiles) : dirOrFiles;
  const pkg = parsePackageOrThrow(files);
  const res = packageResources(pkg, instanceName);
  const ov = structuredClone(res.v1.operatorVersion) as unknown as KObject;
  ov.metadata.namespace = NS;
  const instance = structuredClone(res.v1.instance) as unknown as KObject;
  instance.metadata.namespace = NS;
  const operator = pkg.operator.name ?? '';
  // The CompositeController `maestro manifests` prints, with a resync period.
  const controller = compositeController(
    operator,
    childKinds(pkg),
  ) as unknown as CompositeController;
  controller.spec.resyncPeriodSeconds = 300;
  return { operator, ov, instance, controller };
}

export function simulate(
  p: LoadedPackage,
  extra: Partial<PlanSimulationOptions> = {},
  parameters: Record<string, unknown> = {},
): PlanSimulation {
  const s = new PlanSimulation({ controller: p.controller, operatorVersions: [p.ov], ...extra });
  const inst = structuredClone(p.instance);
  (inst.spec as Record<string, unknown>).parameters = parameters;
  s.create(inst);
  return s;
}

/**
 * A simulation of `p` whose Metacontroller discovers the cluster-operator
 * fixture's custom kinds (Widget namespaced, Gadget cluster-scoped), as a
 * cluster with its CRDs installed would serve them.
 */
export function simulationWithClusterOperatorKinds(p: LoadedPackage): PlanSimulation {
  const discovery = new Discovery([
    { group: 'example.dev', resource: 'widgets', kind: 'Widget', namespaced: true },
    { group: 'example.dev', resource: 'gadgets', kind: 'Gadget', namespaced: false },
  ]);
  return new PlanSimulation({
    controller: p.controller,
    operatorVersions: [p.ov],
    metacontroller: { discovery },
  });
}
