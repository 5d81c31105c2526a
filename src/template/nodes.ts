// The parse tree of text/template/parse (node.go), with Go's String() form:
// the parse tests compare it, and exec errors quote it (`at <.X.Y>`).
import type { NumberInfo } from './numbers.ts';
import { goQuote } from './quote.ts';

/** The tree a node belongs to: for error positions (`NAME:LINE:COL`). */
export interface TreeRef {
  /** The template's name (define'd templates have their own). */
  name: string;
  /** The name of the top-level template being parsed (Go's ParseName). */
  parseName: string;
  /** The full text that was parsed. */
  text: string;
}

interface Base {
  pos: number;
  tree: TreeRef;
}

export interface ListNode extends Base {
  type: 'list';
  nodes: Node[];
}
export interface TextNode extends Base {
  type: 'text';
  text: string;
}
export interface ActionNode extends Base {
  type: 'action';
  line: number;
  pipe: PipeNode;
}
export interface PipeNode extends Base {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base {
  type: 'command';
  args: Node[];
}
export interface IdentifierNode extends Base {
  type: 'identifier';
  ident: string;
}
export interface VariableNode extends Base {
  type: 'variable';
  ident: string[];
}
export interface DotNode extends Base {
  type: 'dot';
}
export interface NilNode extends Base {
  type: 'nil';
}
export interface FieldNode extends Base {
  type: 'field';
  ident: string[];
}
export interface ChainNode extends Base {
  type: 'chain';
  node: Node;
  field: string[];
}
export interface BoolNode extends Base {
  type: 'bool';
  value: boolean;
}
export interface NumberNode extends Base {
  type: 'number';
  text: string;
  info: NumberInfo;
}
export interface StringNode extends Base {
  type: 'string';
  quoted: string;
  text: string;
}
export interface BranchNode extends Base {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends Base {
  type: 'template';
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode extends Base {
  type: 'break';
  line: number;
}
export interface ContinueNode extends Base {
  type: 'continue';
  line: number;
}
export interface EndNode extends Base {
  type: 'end';
}
export interface ElseNode extends Base {
  type: 'else';
  line: number;
}
export interface CommentNode extends Base {
  type: 'comment';
  text: string;
}

export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | EndNode
  | ElseNode
  | CommentNode;

/**
 * Go's Node.String(). `quoteText` prints text nodes with %q, as Go's own
 * parse tests do (textFormat = "%q"); exec error contexts use %s.
 */
export function nodeString(n: Node, quoteText = false): string {
  const sb: string[] = [];
  write(n, sb, quoteText);
  return sb.join('');
}

function write(n: Node, sb: string[], q: boolean): void {
  switch (n.type) {
    case 'list':
      for (const c of n.nodes) write(c, sb, q);
      return;
    case 'text':
      sb.push(q ? goQuote(n.text) : n.text);
      return;
    case 'comment':
      sb.push('{{', n.text, '}}');
      return;
    case 'action':
      sb.push('{{');
      write(n.pipe, sb, q);
      sb.push('}}');
      return;
    case 'pipe':
      if (n.decl.length > 0) {
        n.decl.forEach((v, i) => {
          if (i > 0) sb.push(', ');
          write(v, sb, q);
        });
        sb.push(' := ');
      }
      n.cmds.forEach((c, i) => {
        if (i > 0) sb.push(' | ');
        write(c, sb, q);
      });
      return;
    case 'command':
      n.args.forEach((a, i) => {
        if (i > 0) sb.push(' ');
        if (a.type === 'pipe') {
          sb.push('(');
          write(a, sb, q);
          sb.push(')');
        } else write(a, sb, q);
      });
      return;
    case 'identifier':
      sb.push(n.ident);
      return;
    case 'variable':
      sb.push(n.ident.join('.'));
      return;
    case 'dot':
      sb.push('.');
      return;
    case 'nil':
      sb.push('nil');
      return;
    case 'field':
      for (const id of n.ident) sb.push('.', id);
      return;
    case 'chain':
      if (n.node.type === 'pipe') {
        sb.push('(');
        write(n.node, sb, q);
        sb.push(')');
      } else write(n.node, sb, q);
      for (const f of n.field) sb.push('.', f);
      return;
    case 'bool':
      sb.push(n.value ? 'true' : 'false');
      return;
    case 'number':
      sb.push(n.text);
      return;
    case 'string':
      sb.push(n.quoted);
      return;
    case 'if':
    case 'range':
    case 'with':
      sb.push('{{', n.type, ' ');
      write(n.pipe, sb, q);
      sb.push('}}');
      write(n.list, sb, q);
      if (n.elseList) {
        sb.push('{{else}}');
        write(n.elseList, sb, q);
      }
      sb.push('{{end}}');
      return;
    case 'template':
      sb.push('{{template ', goQuote(n.name));
      if (n.pipe) {
        sb.push(' ');
        write(n.pipe, sb, q);
      }
      sb.push('}}');
      return;
    case 'break':
      sb.push('{{break}}');
      return;
    case 'continue':
      sb.push('{{continue}}');
      return;
    case 'end':
      sb.push('{{end}}');
      return;
    case 'else':
      sb.push('{{else}}');
      return;
  }
}

// unicode.IsSpace (JS's \s also has U+FEFF, which Go does not count).
const goSpaceOnly = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** parse.IsEmptyTree: only whitespace text (and comments). */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.type) {
    case 'comment':
      return true;
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return goSpaceOnly.test(n.text);
    default:
      return false;
  }
}
