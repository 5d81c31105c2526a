// The text of each file under schemas/, as scripts/gen-crds.ts writes it:
// the JSON Schemas of operator.yaml and params.yaml (src/model/package-files.ts).
import { packageFileSchemas } from './package-files.ts';

export function renderSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, schema] of Object.entries(packageFileSchemas)) {
    files[name] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}
