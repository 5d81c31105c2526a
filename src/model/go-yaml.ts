// Parse options that make the `yaml` library read YAML as Go's gopkg.in/yaml.v2
// does (KUDO reads packages and rendered manifests through it, via
// sigs.k8s.io/yaml): YAML 1.1 booleans (yes/no/on/off/y/n), octal `0755`,
// merge keys, later duplicate keys winning; but no sexagesimal numbers
// (`1:20` stays a string) and timestamps kept as their text, as yaml.v2
// leaves them in interface{} values.
import type { DocumentOptions, ParseOptions, ScalarTag, SchemaOptions, ToJSOptions } from 'yaml';
import { isScalar } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions;

export const goYaml: Options = {
  version: '1.1',
  uniqueKeys: false,
  customTags: (tags) => [
    ...tags
      .filter((t) => {
        const tag = typeof t === 'string' ? t : t.tag;
        const format = typeof t === 'string' ? undefined : (t as { format?: string }).format;
        return tag !== 'tag:yaml.org,2002:timestamp' && format !== 'TIME';
      })
      .map((t) => (typeof t !== 'string' && t.tag === FLOAT ? finiteOnly(t as ScalarTag) : t)),
    octalO,
  ],
};

const FLOAT = 'tag:yaml.org,2002:float';

// yaml.v2 keeps a float literal that overflows float64 (`1e400`) as a string:
// strconv.ParseFloat fails with ErrRange and the resolver falls back to !!str.
function finiteOnly(t: ScalarTag): ScalarTag {
  if (t.test === undefined || t.test.test('.inf')) return t;
  const resolve = t.resolve;
  return {
    ...t,
    resolve: (source, onError, options) => {
      const v = resolve(source, onError, options);
      // The decimal form resolves to a Scalar that remembers its fraction digits.
      const n = isScalar(v) ? v.value : v;
      return typeof n === 'number' && !Number.isFinite(n) ? source : v;
    },
  } as ScalarTag;
}

// Go's strconv.ParseInt(s, 0, 64), which yaml.v2 uses, also reads `0o17`.
const octalO: ScalarTag = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (source: string) => {
    const neg = source.startsWith('-');
    const digits = source.replace(/^[-+]?0o/, '').replace(/_/g, '');
    const n = parseInt(digits, 8);
    return neg ? -n : n;
  },
};
