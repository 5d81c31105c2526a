// What verify and render need from the template engine, as an interface so
// that src/package does not depend on how the engine is built. The tree is
// text/template/parse's; only the node fields below are read.

export interface TplNode {
  type: string;
  /** list */
  nodes?: TplNode[];
  /** action, if, range, with */
  pipe?: TplNode;
  /** if, range, with */
  list?: TplNode;
  elseList?: TplNode | null;
  /** pipe */
  cmds?: TplNode[];
  /** command */
  args?: TplNode[];
  /** field and variable: `.Params.X` is ['Params', 'X'], `$.Name` is ['$', 'Name'] */
  ident?: string[] | string;
}

export type ParseOutcome = { ok: true; root: TplNode } | { ok: false; error: string };
export type RenderOutcome = { ok: true; out: string } | { ok: false; error: string };

export interface TemplateSupport {
  /** Parses one template file; the error names the file, line and column. */
  parse(name: string, text: string): ParseOutcome;
  /**
   * Renders with KUDO's options (missingkey=error, sprig, toYaml). `data`
   * holds JS values: strings, numbers, booleans, arrays and plain objects.
   */
  render(name: string, text: string, data: Record<string, unknown>): RenderOutcome;
}
