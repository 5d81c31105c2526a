// The pure package API: read a package from a map of path to text, build its
// resources, verify it, render it. (Reading disk is src/package/loader/.)
export { parsePackage, parsePackageOrThrow, isTemplatePath, type ParseResult } from './parse.ts';
export { formatProblem, type Problem } from './decode.ts';
export type { Package, OperatorFile, ParamsFile, PackageParameter, PackageTask } from './types.ts';
export { packageResources, kudoWrap, typedDefault, type PackageResources } from './resources.ts';
export { parseVersion, isVersion, compareVersions, type Version } from './semver.ts';
export {
  paramsMap,
  pipesMap,
  templateVariables,
  implicitNames,
  type ParamDecl,
  type TemplateContext,
} from './variables.ts';
export { splitManifests, type ManifestsOutcome } from './manifests.ts';
export { goYaml } from '../model/go-yaml.ts';
export { goFloat } from '../model/go-format.ts';
export { clusterScopedKinds } from './cluster-scoped.ts';
export { enhance, podTemplates, instanceLabels, type EnhanceContext } from './render/enhance.ts';
export { renderRaw, type RenderOptions, type RawResult } from './render/index.ts';
export {
  verifyPackage,
  resultJson,
  findingText,
  type VerifyResult,
  type Finding,
  type TemplateSupport,
} from './verify/index.ts';
export { checks as verifierChecks, type CheckInfo } from './verify/catalogue.ts';
export { templateSupport } from './template-engine.ts';
