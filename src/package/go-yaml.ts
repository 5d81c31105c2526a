// Parse options that make the `yaml` library read YAML as Go's gopkg.in/yaml.v2
// does (KUDO reads packages and rendered manifests through it, via
// sigs.k8s.io/yaml): YAML 1.1 booleans (yes/no/on/off/y/n), octal `0755`,
// merge keys, later duplicate keys winning; but no sexagesimal numbers
// (`1:20` stays a string) and timestamps kept as their text, as yaml.v2
// leaves them in interface{} values.
import type { ParseOptions, DocumentOptions, SchemaOptions, ToJSOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions;

export const goYaml: Options = {
  version: '1.1',
  uniqueKeys: false,
  customTags: (tags) =>
    tags.filter((t) => {
      const tag = typeof t === 'string' ? t : t.tag;
      const format = typeof t === 'string' ? undefined : (t as { format?: string }).format;
      return tag !== 'tag:yaml.org,2002:timestamp' && format !== 'TIME';
    }),
};
