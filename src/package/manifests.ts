// KUDO's YamlToObject (renderer/parser.go): rendered text split on the literal
// "\n---", each chunk parsed as YAML; chunks that hold only whitespace or
// comments are dropped; every other chunk must be an object with a kind.
import { parseDocument } from 'yaml';
import { goYaml } from '../model/go-yaml.ts';

export type ManifestsOutcome =
  { ok: true; objects: Record<string, unknown>[] } | { ok: false; error: string };

// Rendered text may hold secrets (parameter values, generated passwords):
// errors give the document, line and column in the rendered output and what
// is wrong, never the text itself (docs/errors.md).

/** What a YAML error code means, in words that quote nothing. */
function describe(code: string): string {
  const words: Record<string, string> = {
    BAD_INDENT: 'bad indentation',
    DUPLICATE_KEY: 'a key appears twice in one map',
    MISSING_CHAR: 'a closing quote or bracket is missing',
    UNEXPECTED_TOKEN: 'unexpected text',
    BLOCK_AS_IMPLICIT_KEY: 'a block cannot be a key',
    MULTILINE_IMPLICIT_KEY: 'a key spans several lines',
    TAB_AS_INDENT: 'a tab used as indentation',
    BAD_ALIAS: 'an alias names no anchor',
    BAD_SCALAR_START: 'a plain value starts with a reserved character',
  };
  return words[code] ?? code.toLowerCase().replace(/_/g, ' ');
}

export function splitManifests(text: string): ManifestsOutcome {
  const objects: Record<string, unknown>[] = [];
  let line = 1; // where the current chunk starts in the rendered text
  let index = 0;
  for (const chunk of text.split('\n---')) {
    const start = line;
    const doc = `document ${++index}`;
    line += (chunk.match(/\n/g)?.length ?? 0) + 1;
    if (chunk === '' || chunk === '\n') continue;
    const parsed = parseDocument(chunk, goYaml);
    if (parsed.errors.length > 0) {
      const e = parsed.errors[0]!;
      const pos = e.linePos?.[0];
      if (pos === undefined) return { ok: false, error: `${doc}: ${describe(e.code)}` };
      // A chunk after the first starts just after its `---`.
      const column = pos.line === 1 && index > 1 ? pos.col + 3 : pos.col;
      return {
        ok: false,
        error: `${doc}, line ${start + pos.line - 1}, column ${column}: ${describe(e.code)}`,
      };
    }
    let value: unknown;
    try {
      value = parsed.toJSON();
    } catch (err) {
      // An alias bomb ("Excessive alias count") or an alias to nothing: a
      // failure of this render, not of the caller; yaml's message quotes
      // nothing of the document.
      return { ok: false, error: `${doc}: ${(err as Error).message.split('\n')[0]}` };
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: `${doc} is not an object` };
    }
    if (Object.keys(value).length === 0) continue;
    if (typeof (value as Record<string, unknown>).kind !== 'string') {
      return { ok: false, error: `${doc}, line ${start}: the object has no kind` };
    }
    objects.push(value as Record<string, unknown>);
  }
  return { ok: true, objects };
}
