// KUDO's YamlToObject (renderer/parser.go): rendered text split on the literal
// "\n---", each chunk parsed as YAML; chunks that hold only whitespace or
// comments are dropped; every other chunk must be an object with a kind.
import { parseDocument } from 'yaml';
import { goYaml } from '../model/go-yaml.ts';

export type ManifestsOutcome =
  { ok: true; objects: Record<string, unknown>[] } | { ok: false; error: string };

export function splitManifests(text: string): ManifestsOutcome {
  const objects: Record<string, unknown>[] = [];
  for (const chunk of text.split('\n---')) {
    if (chunk === '' || chunk === '\n') continue;
    const doc = parseDocument(chunk, goYaml);
    if (doc.errors.length > 0) {
      const message = doc.errors[0]!.message.split('\n')[0];
      return { ok: false, error: `decoding chunk ${JSON.stringify(chunk)} failed: ${message}` };
    }
    const value: unknown = doc.toJSON();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: `decoding chunk ${JSON.stringify(chunk)} failed: not an object` };
    }
    if (Object.keys(value).length === 0) continue;
    if (typeof (value as Record<string, unknown>).kind !== 'string') {
      return { ok: false, error: `Object 'Kind' is missing in ${JSON.stringify(chunk)}` };
    }
    objects.push(value as Record<string, unknown>);
  }
  return { ok: true, objects };
}
