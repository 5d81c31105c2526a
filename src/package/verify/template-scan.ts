// KUDO's template scan (verifier/template/parser.go): which `.Params.X` and
// implicit names (`.Name`, `$.Namespace`) a template uses. Reproduces its
// quirks, since they decide which real packages verify: only actions and
// if/with/range pipelines are scanned, range's else branch is not, and the
// scan of a pipeline stops at its first implicit name or user variable.
// One deliberate difference: inside range and with bodies, where dot is
// rebound, `.x` is not a reference to the root, so only `$.x` counts there.
import type { TplNode } from './template-support.ts';

export interface TemplateUse {
  /** Keys of .Params / $.Params (and other two-level roots such as Pipes). */
  roots: Map<string, Set<string>>;
  /** One-level names: `.Name`, `$.OperatorName`. */
  implicits: Set<string>;
}

export function scanTemplate(root: TplNode): TemplateUse {
  const use: TemplateUse = { roots: new Map(), implicits: new Set() };
  const add = (root: string, key: string) => {
    let set = use.roots.get(root);
    if (set === undefined) use.roots.set(root, (set = new Set()));
    set.add(key);
  };
  const idents = (n: TplNode): string[] =>
    Array.isArray(n.ident) ? n.ident : n.ident === undefined ? [] : [n.ident];

  const walkPipe = (pipe: TplNode | undefined, dotIsRoot: boolean): void => {
    for (const cmd of pipe?.cmds ?? []) {
      for (const arg of cmd.args ?? []) {
        if (arg.type === 'field') {
          if (!dotIsRoot) continue;
          const id = idents(arg);
          if (id.length < 1) return;
          if (id.length === 1) {
            use.implicits.add(id[0]!);
            return;
          }
          add(id[0]!, id[1]!);
        } else if (arg.type === 'variable') {
          const id = idents(arg);
          if (id.length < 2) return;
          if (id[0] !== '$') return;
          if (id.length === 2) {
            use.implicits.add(id[1]!);
            return;
          }
          add(id[1]!, id[2]!);
        } else if (arg.type === 'pipe') {
          walkPipe(arg, dotIsRoot);
        }
      }
    }
  };

  const walk = (node: TplNode | null | undefined, dotIsRoot: boolean): void => {
    if (node === null || node === undefined) return;
    switch (node.type) {
      case 'action':
        walkPipe(node.pipe, dotIsRoot);
        break;
      case 'if':
        walk(node.list, dotIsRoot);
        walk(node.elseList, dotIsRoot);
        walkPipe(node.pipe, dotIsRoot);
        break;
      case 'with':
        walk(node.list, false);
        walk(node.elseList, dotIsRoot);
        walkPipe(node.pipe, dotIsRoot);
        break;
      case 'range':
        walk(node.list, false);
        walkPipe(node.pipe, dotIsRoot);
        break;
      case 'list':
        for (const n of node.nodes ?? []) walk(n, dotIsRoot);
        break;
    }
  };
  walk(root, true);
  return use;
}
