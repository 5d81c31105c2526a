// Execution: text/template's exec.go (Go 1.19), with the parse tree compiled
// once into closures. The semantics follow Go's code path for path: which node
// an error names, when a nil interface becomes "no value", how arguments are
// converted and checked against a function's signature.
import { BudgetError, isIntType, normalizeResult, type CallContext, type GoFunc } from './funcs.ts';
import { printOne } from './fmt.ts';
import { byteLength, utf8Bytes } from './bytes.ts';
import {
  nodeString,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
} from './nodes.ts';
import { goQuote } from './quote.ts';
import type { Tree } from './parser.ts';
import {
  GoComplex,
  GoInt,
  GoObject,
  elemTypeOf,
  goInt,
  isGoFunc,
  isGoMap,
  isTrue,
  sortedKeys,
  typeOf,
  typedSlice,
  type GoMap,
  type GoValue,
  type IntKind,
} from './value.ts';

export type V = GoValue | undefined;
/** Go's missingVal: "no final value from a previous pipeline stage". */
export const MISSING: unique symbol = Symbol('missing');
type Final = V | typeof MISSING;

export type MissingKey = 'default' | 'zero' | 'error';

/** An execution error, with Go's message. */
export class ExecError extends Error {
  override name = 'ExecError';
}

/** The render ran out of budget: a step, output or depth limit. */
export class TemplateBudgetError extends ExecError {
  override name = 'TemplateBudgetError';
}

/** What the compiled code needs from its engine. */
export interface ExecEnv {
  funcs: Map<string, { fn: GoFunc; builtin: boolean }>;
  missingkey: MissingKey;
}

/**
 * The render clock: when installed (the render worker does, with the
 * request's deadline), it is read every CLOCK_EVERY steps and before each
 * costly call, and a message it returns stops the render as a budget failure.
 * Without it the step budget is counted in one piece, as before.
 */
export type RenderClock = () => string | undefined;
let renderClock: RenderClock | undefined;
const CLOCK_EVERY = 1 << 16;

/** Installs (or, with undefined, removes) the process-wide render clock; returns the previous one. */
export function setRenderClock(clock: RenderClock | undefined): RenderClock | undefined {
  const previous = renderClock;
  renderClock = clock;
  return previous;
}

/** A stop by the render clock (the request's deadline): its message is not a budget's. */
export class DeadlineError extends BudgetError {
  override name = 'DeadlineError';
}

/** The per-render mutable state. */
export class State {
  out = '';
  vars: { name: string; value: V; iface?: boolean }[] = [];
  /** True while dot came out of an interface{} slot (a range element): Go names its type `interface {}`. */
  dotIface = false;
  node: Node | null = null;
  tmplName: string;
  depth = 0;
  /** Steps left until the next look at the render clock (all of them without a clock). */
  steps: number;
  /** Steps of the budget beyond `steps`. */
  reserve: number;
  readonly clock: RenderClock | undefined;
  outLeft: number;
  allocLeft: number;
  costlyLeft: number;
  ctx: CallContext | null = null;
  /** Set when a function drew from the seeded random source (engine.ts trackedRandom). */
  generated = false;
  constructor(
    readonly set: TemplateSet,
    readonly env: ExecEnv,
    name: string,
    readonly limits: {
      steps: number;
      outputBytes: number;
      depth: number;
      allocBytes: number;
      costly: number;
    },
    readonly makeCtx: (s: State) => CallContext,
  ) {
    this.tmplName = name;
    this.clock = renderClock;
    this.steps = this.clock === undefined ? limits.steps : Math.min(limits.steps, CLOCK_EVERY);
    this.reserve = limits.steps - this.steps;
    this.outLeft = limits.outputBytes;
    this.allocLeft = limits.allocBytes;
    this.costlyLeft = limits.costly;
  }

  at(n: Node): void {
    this.node = n;
  }

  errorf(msg: string, budget = false): never {
    const name = this.tmplName;
    let text: string;
    if (this.node === null) text = `template: ${name}: ${msg}`;
    else {
      const [location, context] = errorContext(this.node);
      text = `template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`;
    }
    throw budget ? new TemplateBudgetError(text) : new ExecError(text);
  }

  step(): void {
    if (--this.steps < 0) this.refill();
  }
  /** `steps` went below zero: the clock is read, and steps come from the reserve, or the budget is out. */
  refill(): void {
    const stop = this.overdrawn();
    if (stop !== undefined) this.errorf(stop.message, true);
  }
  /** refill's outcome as an error to throw (for function calls, which throw BudgetError), or undefined. */
  overdrawn(): BudgetError | undefined {
    const late = this.clock?.();
    if (late !== undefined) return new DeadlineError(late);
    const take = Math.min(this.reserve, CLOCK_EVERY - this.steps);
    this.reserve -= take;
    this.steps += take;
    if (this.steps >= 0) return undefined;
    return new BudgetError(
      `render budget exhausted: more than ${this.limits.steps} evaluation steps`,
    );
  }
  /** Before costly work: a message when the render clock says stop. */
  checkClock(): void {
    const late = this.clock?.();
    if (late !== undefined) throw new DeadlineError(late);
  }

  /** Charges the bytes a function call handles (its arguments before, its result after). */
  chargeAlloc(bytes: number, at: Node): void {
    this.allocLeft -= bytes;
    if (this.allocLeft < 0) {
      this.at(at);
      this.errorf(
        `render budget exhausted: more than ${this.limits.allocBytes} bytes of intermediate strings, lists and maps`,
        true,
      );
    }
  }

  write(text: string): void {
    // The budget is in UTF-8 bytes, as documented; ASCII text costs one pass.
    this.writeSized(text, byteLength(text));
  }

  /** write() of a text whose UTF-8 size the caller already knows. */
  writeSized(text: string, bytes: number): void {
    this.outLeft -= bytes;
    if (this.outLeft < 0) {
      this.errorf(
        `render budget exhausted: output larger than ${this.limits.outputBytes} bytes`,
        true,
      );
    }
    this.out += text;
  }

  push(name: string, value: V): void {
    this.vars.push({ name, value });
  }
  varValue(name: string): V {
    return this.varEntry(name).value;
  }
  varEntry(name: string): { value: V; iface?: boolean } {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as { name: string; value: V };
      if (v.name === name) return v;
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setVar(name: string, value: V): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as { name: string; value: V };
      if (v.name === name) {
        v.value = value;
        (v as { iface?: boolean }).iface = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  callContext(): CallContext {
    if (this.ctx === null) this.ctx = this.makeCtx(this);
    return this.ctx;
  }
}

/** Go's Tree.ErrorContext: `NAME:LINE:COL` (byte column) and the node's text. */
export function errorContext(n: Node): [string, string] {
  const text = n.tree.text.slice(0, n.pos);
  const nl = text.lastIndexOf('\n');
  const lineText = nl === -1 ? text : text.slice(nl + 1);
  const col = utf8Bytes(lineText).length;
  let line = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return [`${n.tree.parseName}:${line}:${col}`, nodeString(n)];
}

/** A compiled template body: returns 0, or 1 for break, 2 for continue. */
export type Exec = (s: State, dot: V) => number;

/** The templates of one parse, compiled on first use. */
export class TemplateSet {
  private readonly compiled = new Map<string, Exec>();
  constructor(
    readonly trees: Map<string, Tree>,
    readonly env: ExecEnv,
  ) {}
  lookup(name: string): Exec | undefined {
    let c = this.compiled.get(name);
    if (c === undefined) {
      const t = this.trees.get(name);
      if (t === undefined) return undefined;
      c = new Compiler(this.env).list(t.root);
      this.compiled.set(name, c);
    }
    return c;
  }
}

// ---------- value helpers ----------

function canBeNil(typ: string): boolean {
  return (
    typ === 'interface {}' ||
    typ === 'error' ||
    typ === 'reflect.Value' ||
    typ.startsWith('[]') ||
    typ.startsWith('map[') ||
    typ.startsWith('*') ||
    typ.startsWith('func') ||
    typ.startsWith('chan')
  );
}

/** The zero value of a Go type. */
export function zeroOf(typ: string): V {
  if (typ === 'string') return '';
  if (typ === 'bool') return false;
  if (typ === 'float64' || typ === 'float32') return 0;
  if (isIntType(typ)) return goInt(0, typ);
  return null;
}

function validateType(s: State, v: V, typ: string | null): V {
  // Fast paths for the common matches; the general check below decides the rest.
  switch (typeof v) {
    case 'string':
      if (typ === 'string') return v;
      break;
    case 'boolean':
      if (typ === 'bool') return v;
      break;
    case 'number':
      if (typ === 'float64') return v;
      break;
    case 'object':
      if (v instanceof GoInt && v.kind === typ) return v;
  }
  if (v === undefined) {
    if (typ === null || typ === 'reflect.Value') return undefined;
    if (canBeNil(typ)) return null;
    s.errorf(`invalid value; expected ${typ}`);
  }
  if (typ === null || typ === 'reflect.Value' || typ === 'interface {}') return v;
  if (v === null) s.errorf(`wrong type for value; expected ${typ}; got interface {}`);
  if (Array.isArray(v) ? sameTyped('[]', v, typ) : isGoMap(v) && sameTyped('map[string]', v, typ)) {
    return v;
  }
  const t = typeOf(v);
  if (t === typ) return v;
  if (v instanceof GoObject) {
    // Go dereferences or takes the address once (T for *T and *T for T), and
    // a Stringer or error satisfies those interfaces.
    if (t === `*${typ}` || typ === `*${t}`) return v;
    if ((typ === 'fmt.Stringer' || typ === 'error') && v.goString !== undefined) return v;
  }
  s.errorf(`wrong type for value; expected ${typ}; got ${t}`);
}

/** typeOf(v) === typ for a slice or map, without building the type's name. */
function sameTyped(prefix: string, v: GoValue[] | GoMap, typ: string): boolean {
  if (isGoFunc(v)) return false;
  const elem = elemTypeOf(v);
  return typ.length === prefix.length + elem.length && typ.startsWith(prefix) && typ.endsWith(elem);
}

/** What an implementation receives for a parameter of type `typ`. */
function implArg(v: V, typ: string): unknown {
  if (v instanceof GoInt && isIntType(typ)) return v.value;
  if (v === undefined && typ !== 'reflect.Value') return null;
  return v;
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

function idealConstant(s: State, n: NumberNode): V {
  s.at(n);
  const c = n.info;
  if (c.isComplex) return new GoComplex(c.complex[0], c.complex[1]);
  if (c.isFloat && !isHexInt(n.text) && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) {
    return c.float64;
  }
  if (c.isInt) return goInt(c.int64);
  if (c.isUint) s.errorf(`${n.text} overflows int`);
  return undefined;
}

// ---------- the compiler ----------

type Eval = (s: State, dot: V) => V;
type CmdEval = (s: State, dot: V, final: Final) => V;

class Compiler {
  constructor(private readonly env: ExecEnv) {}

  list(n: ListNode): Exec {
    const parts = n.nodes.map((c) => this.node(c));
    if (parts.length === 1) {
      const only = parts[0] as Exec;
      return only;
    }
    return (s, dot) => {
      for (let i = 0; i < parts.length; i++) {
        const r = (parts[i] as Exec)(s, dot);
        if (r !== 0) return r;
      }
      return 0;
    };
  }

  node(n: Node): Exec {
    switch (n.type) {
      case 'text': {
        const text = n.text;
        // Constant text: its UTF-8 size is counted once, not on every render.
        const bytes = byteLength(text);
        return (s) => {
          s.step();
          s.writeSized(text, bytes);
          return 0;
        };
      }
      case 'action': {
        const pipe = this.pipeline(n.pipe);
        if (n.pipe.decl.length > 0) {
          return (s, dot) => {
            s.step();
            s.at(n);
            pipe(s, dot);
            return 0;
          };
        }
        return (s, dot) => {
          s.step();
          s.at(n);
          const v = pipe(s, dot);
          s.at(n);
          if (typeof v === 'string') s.write(v);
          else if (v === undefined) s.write('<no value>');
          else {
            if (isGoFunc(v)) s.errorf(`can't print ${nodeString(n)} of type ${v.goType()}`);
            s.write(printOne(v));
          }
          return 0;
        };
      }
      case 'if':
      case 'with':
        return this.ifOrWith(n);
      case 'range':
        return this.range(n);
      case 'template':
        return this.template(n);
      case 'list':
        return this.list(n);
      case 'break':
        return (s) => {
          s.at(n);
          return 1;
        };
      case 'continue':
        return (s) => {
          s.at(n);
          return 2;
        };
      case 'comment':
        return () => 0;
      default:
        return (s) => {
          s.at(n);
          return s.errorf(`unknown node: ${nodeString(n)}`);
        };
    }
  }

  ifOrWith(n: BranchNode): Exec {
    const pipe = this.pipeline(n.pipe);
    const list = this.list(n.list);
    const elseList = n.elseList ? this.list(n.elseList) : null;
    const isWith = n.type === 'with';
    return (s, dot) => {
      s.step();
      s.at(n);
      const mark = s.vars.length;
      const val = pipe(s, dot);
      let r = 0;
      if (isTrue(val)) {
        if (isWith) {
          const di = s.dotIface;
          s.dotIface = false;
          r = list(s, val);
          s.dotIface = di;
        } else r = list(s, dot);
      } else if (elseList !== null) r = elseList(s, dot);
      s.vars.length = mark;
      return r;
    };
  }

  range(n: BranchNode): Exec {
    const pipe = this.pipeline(n.pipe);
    const list = this.list(n.list);
    const elseList = n.elseList ? this.list(n.elseList) : null;
    const ndecl = n.pipe.decl.length;
    return (s, dot) => {
      s.step();
      s.at(n);
      const mark0 = s.vars.length;
      const val = pipe(s, dot);
      const mark = s.vars.length;
      const di = s.dotIface;
      let elemIface = false;
      const one = (index: V, elem: V): number => {
        s.step();
        if (ndecl > 0) {
          const e = s.vars[mark - 1] as { value: V; iface?: boolean };
          e.value = elem;
          e.iface = elemIface;
        }
        if (ndecl > 1) {
          const e = s.vars[mark - 2] as { value: V; iface?: boolean };
          e.value = index;
          e.iface = false;
        }
        s.dotIface = elemIface;
        const r = list(s, elem);
        s.dotIface = di;
        s.vars.length = mark;
        return r;
      };
      if (Array.isArray(val) || isGoMap(val)) elemIface = elemTypeOf(val) === 'interface {}';
      let ran = false;
      if (Array.isArray(val)) {
        if (val.length > 0) {
          ran = true;
          for (let i = 0; i < val.length; i++) {
            if (one(goInt(i), val[i]) === 1) break;
          }
        }
      } else if (isGoMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          ran = true;
          for (const k of keys) if (one(k, val[k]) === 1) break;
        }
      } else if (val !== undefined && val !== null) {
        s.errorf(`range can't iterate over ${printOne(val)}`);
      }
      if (!ran && elseList !== null) {
        const r = elseList(s, dot);
        s.vars.length = mark0;
        return r;
      }
      s.vars.length = mark0;
      return 0;
    };
  }

  template(n: TemplateNode): Exec {
    const pipe = n.pipe ? this.pipeline(n.pipe) : null;
    return (s, dot) => {
      s.step();
      s.at(n);
      const t = s.set.lookup(n.name);
      if (t === undefined) return s.errorf(`template ${goQuote(n.name)} not defined`);
      if (s.depth >= s.limits.depth) {
        s.errorf(
          `render budget exhausted: template calls nested deeper than ${s.limits.depth}`,
          true,
        );
      }
      const newDot = pipe ? pipe(s, dot) : undefined;
      const saved = { vars: s.vars, name: s.tmplName };
      s.vars = [{ name: '$', value: newDot }];
      s.tmplName = n.name;
      s.depth++;
      const di = s.dotIface;
      s.dotIface = false;
      t(s, newDot);
      s.dotIface = di;
      s.depth--;
      s.vars = saved.vars;
      s.tmplName = saved.name;
      return 0;
    };
  }

  pipeline(p: PipeNode): Eval {
    const cmds = p.cmds.map((c) => this.command(c));
    const decl = p.decl.map((d) => d.ident[0] as string);
    const isAssign = p.isAssign;
    if (cmds.length === 1 && decl.length === 0) {
      const c = cmds[0] as CmdEval;
      return (s, dot) => {
        s.at(p);
        const v = c(s, dot, MISSING);
        return v === null ? undefined : v;
      };
    }
    return (s, dot) => {
      s.at(p);
      let value: Final = MISSING;
      for (let i = 0; i < cmds.length; i++) {
        value = (cmds[i] as CmdEval)(s, dot, value);
        if (value === null) value = undefined;
      }
      const v = value as V;
      for (const name of decl) {
        if (isAssign) s.setVar(name, v);
        else s.push(name, v);
      }
      return v;
    };
  }

  command(cmd: CommandNode): CmdEval {
    const first = cmd.args[0] as Node;
    const args = cmd.args;
    switch (first.type) {
      case 'field':
        return (s, dot, final) => {
          s.at(first);
          return this.evalFieldChain(s, dot, dot, first, first.ident, args, final, s.dotIface);
        };
      case 'chain': {
        const recv = this.arg(first.node, null);
        return (s, dot, final) => {
          s.at(first);
          if (first.node.type === 'nil') {
            s.errorf(`indirection through explicit nil in ${nodeString(first)}`);
          }
          const pipe = recv(s, dot);
          return this.evalFieldChain(s, dot, pipe, first, first.field, args, final);
        };
      }
      case 'identifier':
        return this.functionCall(first, cmd, args);
      case 'pipe': {
        const pipe = this.pipeline(first);
        return (s, dot, final) => {
          notAFunction(s, args, final);
          return pipe(s, dot);
        };
      }
      case 'variable':
        return (s, dot, final) => this.evalVariable(s, dot, first, args, final);
    }
    let constant: (s: State, dot: V) => V;
    switch (first.type) {
      case 'bool': {
        const b = first.value;
        constant = () => b;
        break;
      }
      case 'dot':
        constant = (_s, dot) => dot;
        break;
      case 'nil':
        constant = (s) => s.errorf('nil is not a command');
        break;
      case 'number':
        constant = (s) => idealConstant(s, first);
        break;
      case 'string': {
        const text = first.text;
        constant = () => text;
        break;
      }
      default:
        constant = (s) => s.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
    }
    return (s, dot, final) => {
      s.at(first);
      notAFunction(s, args, final);
      return constant(s, dot);
    };
  }

  evalVariable(s: State, dot: V, v: VariableNode, args: Node[] | null, final: Final): V {
    s.at(v);
    const entry = s.varEntry(v.ident[0] as string);
    if (v.ident.length === 1) {
      notAFunction(s, args, final);
      return entry.value;
    }
    return this.evalFieldChain(
      s,
      dot,
      entry.value,
      v,
      v.ident.slice(1),
      args,
      final,
      entry.iface === true,
    );
  }

  evalFieldChain(
    s: State,
    dot: V,
    receiver: V,
    node: Node,
    ident: string[],
    args: Node[] | null,
    final: Final,
    iface = false,
  ): V {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      const r = receiver;
      receiver = this.evalField(s, dot, ident[i] as string, node, null, MISSING, r, iface);
      // A value out of an untyped map has Go's static type interface {}.
      iface = isGoMap(r) && !isGoFunc(r) && elemTypeOf(r as GoMap) === 'interface {}';
    }
    return this.evalField(s, dot, ident[n - 1] as string, node, args, final, receiver, iface);
  }

  evalField(
    s: State,
    dot: V,
    fieldName: string,
    node: Node,
    args: Node[] | null,
    final: Final,
    receiver: V,
    iface = false,
  ): V {
    // The common case first: a key of a plain map (.Params.X, .Values.y).
    if (
      typeof receiver === 'object' &&
      receiver !== null &&
      Object.getPrototypeOf(receiver) === Object.prototype &&
      (receiver as { goFunc?: unknown }).goFunc !== true &&
      (args === null || args.length <= 1) &&
      final === MISSING &&
      Object.hasOwn(receiver, fieldName)
    ) {
      return (receiver as GoMap)[fieldName] as GoValue;
    }
    if (receiver === undefined) {
      if (s.env.missingkey === 'error')
        s.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    if (receiver === null) s.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoObject) {
      const m = receiver.method(fieldName);
      if (m !== undefined) return this.evalCall(s, dot, m, false, node, fieldName, args, final);
      const f = receiver.isNil() ? undefined : receiver.field(fieldName);
      if (f !== undefined) {
        if (!/^\p{Lu}/u.test(fieldName)) {
          s.errorf(`${fieldName} is an unexported field of struct type ${receiver.goType}`);
        }
        if (hasArgs) s.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return f;
      }
      if (receiver.isNil()) s.errorf(`nil pointer evaluating ${receiver.goType}.${fieldName}`);
      s.errorf(`can't evaluate field ${fieldName} in type ${receiver.goType}`);
    }
    if (isGoMap(receiver) && !isGoFunc(receiver)) {
      if (hasArgs) s.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(receiver, fieldName)) {
        return (receiver as GoMap)[fieldName] as GoValue;
      }
      switch (s.env.missingkey) {
        case 'default':
          return undefined;
        case 'zero':
          return zeroOf(elemTypeOf(receiver));
        case 'error':
          s.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
    }
    s.errorf(
      `can't evaluate field ${fieldName} in type ${iface ? 'interface {}' : typeOf(receiver)}`,
    );
  }

  functionCall(id: IdentifierNode, cmd: Node, args: Node[]): CmdEval {
    const entry = this.env.funcs.get(id.ident);
    if (entry === undefined) {
      return (s) => {
        s.at(id);
        return s.errorf(`${goQuote(id.ident)} is not a defined function`);
      };
    }
    const { fn, builtin } = entry;
    // The function is known here, so each argument's evaluator (compiled for
    // its parameter type) is looked up once, on the first call.
    let evals: Eval[] | undefined;
    return (s, dot, final) => {
      s.at(id);
      evals ??= this.argEvals(fn, args);
      return this.evalCall(s, dot, fn, builtin, cmd, id.ident, args, final, evals);
    };
  }

  /** The evaluators of args[1:] for fn's parameter types (variadic tail: the last one). */
  private argEvals(fn: GoFunc, args: Node[]): Eval[] {
    const { params, variadic } = fn.sig;
    const out: Eval[] = [];
    for (let j = 1; j < args.length; j++) {
      const i = j - 1;
      const t = variadic && i >= params.length - 1 ? params[params.length - 1] : params[i];
      // Past a fixed signature's end the call fails on its count before any
      // argument is evaluated; interface {} keeps the slot harmless.
      out.push(this.arg(args[j] as Node, t ?? 'interface {}'));
    }
    return out;
  }

  private argCache = new WeakMap<Node, Map<string | null, Eval>>();

  /** evalArg, compiled for one node and one parameter type. */
  arg(n: Node, typ: string | null): Eval {
    let byType = this.argCache.get(n);
    if (byType === undefined) {
      byType = new Map();
      this.argCache.set(n, byType);
    }
    let e = byType.get(typ);
    if (e === undefined) {
      e = this.compileArg(n, typ);
      byType.set(typ, e);
    }
    return e;
  }

  private compileArg(n: Node, typ: string | null): Eval {
    switch (n.type) {
      case 'dot':
        return (s, dot) => {
          s.at(n);
          return validateType(s, dot, typ);
        };
      case 'nil':
        return (s) => {
          s.at(n);
          if (typ !== null && canBeNil(typ)) return typ === 'reflect.Value' ? undefined : null;
          s.errorf(`cannot assign nil to ${typ ?? '<nil>'}`);
        };
      case 'field': {
        const fa = [n];
        return (s, dot) => {
          s.at(n);
          s.at(n);
          return validateType(
            s,
            this.evalFieldChain(s, dot, dot, n, (n as FieldNode).ident, fa, MISSING, s.dotIface),
            typ,
          );
        };
      }
      case 'variable':
        return (s, dot) => {
          s.at(n);
          return validateType(s, this.evalVariable(s, dot, n, null, MISSING), typ);
        };
      case 'pipe': {
        const pipe = this.pipeline(n);
        return (s, dot) => {
          s.at(n);
          return validateType(s, pipe(s, dot), typ);
        };
      }
      case 'identifier': {
        const call = this.functionCall(n, n, [n]);
        return (s, dot) => {
          s.at(n);
          return validateType(s, call(s, dot, MISSING), typ);
        };
      }
      case 'chain': {
        const cmd = this.command({ type: 'command', pos: n.pos, tree: n.tree, args: [n] });
        return (s, dot) => {
          s.at(n);
          return validateType(s, cmd(s, dot, MISSING), typ);
        };
      }
    }
    const found = nodeString(n);
    const fail = (s: State, what: string): never => s.errorf(`expected ${what}; found ${found}`);
    if (typ === 'bool') {
      return (s) => {
        s.at(n);
        return n.type === 'bool' ? n.value : fail(s, 'bool');
      };
    }
    if (typ === 'float64' || typ === 'float32') {
      return (s) => {
        s.at(n);
        if (n.type === 'number' && n.info.isFloat) {
          return typ === 'float32' ? Math.fround(n.info.float64) : n.info.float64;
        }
        return fail(s, 'float');
      };
    }
    if (typ !== null && isIntType(typ)) {
      const unsigned = typ.startsWith('u');
      return (s) => {
        s.at(n);
        if (n.type === 'number') {
          if (!unsigned && n.info.isInt) return goInt(n.info.int64, typ as IntKind);
          if (unsigned && n.info.isUint) return goInt(n.info.uint64, typ as IntKind);
        }
        return fail(s, unsigned ? 'unsigned integer' : 'integer');
      };
    }
    if (typ === 'string') {
      return (s) => {
        s.at(n);
        return n.type === 'string' ? n.text : fail(s, 'string');
      };
    }
    if (typ === 'interface {}' || typ === 'reflect.Value') {
      let constant: V;
      return (s) => {
        s.at(n);
        switch (n.type) {
          case 'bool':
            return n.value;
          case 'number':
            // A constant: its value never changes, so it is worked out once.
            if (constant === undefined) {
              const c = idealConstant(s, n);
              if (c !== undefined) constant = c;
              return c;
            }
            s.at(n);
            return constant;
          case 'string':
            return n.text;
        }
        return s.errorf(`can't handle assignment of ${found} to empty interface argument`);
      };
    }
    return (s) => {
      s.at(n);
      return s.errorf(`can't handle ${found} for arg of type ${typ ?? '<nil>'}`);
    };
  }

  evalCall(
    s: State,
    dot: V,
    fn: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    allArgs: Node[] | null,
    final: Final,
    evals?: Eval[],
  ): V {
    // allArgs[0] is the function's own node; its arguments follow (no slice:
    // this runs on every call).
    const all = allArgs ?? noArgs;
    const argc = all.length === 0 ? 0 : all.length - 1;
    const sig = fn.sig;
    const numParams = sig.params.length;
    let numIn = argc;
    if (final !== MISSING) numIn++;
    let numFixed = argc;
    if (sig.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) {
        s.errorf(`wrong number of args for ${name}: want at least ${numParams - 1} got ${argc}`);
      }
    } else if (numIn !== numParams) {
      s.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }
    if (sig.result === '' || sig.result === 'error') {
      s.errorf(
        `can't call method/function ${goQuote(name)} with ${sig.result === '' ? 0 : 1} results`,
      );
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      const argType = sig.params[0] as string;
      let v: V = undefined;
      for (let j = 1; j <= argc; j++) {
        v = (evals?.[j - 1] ?? this.arg(all[j] as Node, argType))(s, dot);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = validateType(s, final, argType);
      return v;
    }
    s.step();
    const argv: unknown[] = new Array(numIn + 1);
    argv[0] = s.callContext();
    let i = 0;
    for (; i < numFixed && i < argc; i++) {
      const t = sig.params[i] as string;
      argv[i + 1] = implArg((evals?.[i] ?? this.arg(all[i + 1] as Node, t))(s, dot), t);
    }
    if (sig.variadic) {
      const t = sig.params[numParams - 1] as string;
      for (; i < argc; i++) {
        argv[i + 1] = implArg((evals?.[i] ?? this.arg(all[i + 1] as Node, t))(s, dot), t);
      }
    }
    if (final !== MISSING) {
      let t = sig.params[numParams - 1] as string;
      if (sig.variadic && numIn - 1 < numFixed) t = sig.params[numIn - 1] as string;
      argv[i + 1] = implArg(validateType(s, final, t), t);
    }
    // Charged before the call allocates: what the arguments weigh bounds what
    // concatenating, joining or encoding them can build.
    let weight = 0;
    for (let k = 1; k < argv.length; k++) weight += allocWeight(argv[k]);
    if (weight > 0) s.chargeAlloc(weight, node);
    let ret: unknown;
    try {
      ret = Reflect.apply(fn.impl, undefined, argv);
    } catch (e) {
      if (e instanceof ExecError) throw e;
      s.at(node);
      if (e instanceof DeadlineError) s.errorf(e.message, true);
      if (e instanceof BudgetError) {
        const why = e.message.replace(/^template: [^:]*: /, '');
        s.errorf(why.startsWith('render budget') ? why : `render budget exhausted: ${why}`, true);
      }
      s.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const made = allocWeight(ret);
    if (made > 0) s.chargeAlloc(made, node);
    if (sig.result === 'reflect.Value') return ret as V;
    return normalizeResult(sig.result, ret);
  }
}

/**
 * What a value weighs for the allocation budget, shallowly and roughly as the
 * heap holds it: a string its length; a list 16 bytes per element, plus a
 * string element's length or 48 bytes for any other (a boxed integer, a map).
 * Maps are charged where they are built (dict, merge, set: dicts.ts), not on
 * every call they pass through; the render worker's memory ceiling is the
 * backstop for what is not counted.
 */
function allocWeight(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) {
    let n = 16 * v.length;
    for (const e of v) n += typeof e === 'string' ? e.length : 48;
    return n;
  }
  return 0;
}

const noArgs: Node[] = [];

function notAFunction(s: State, args: Node[] | null, final: Final): void {
  if ((args !== null && args.length > 1) || final !== MISSING) {
    s.errorf(`can't give argument to non-function ${nodeString((args as Node[])[0] as Node)}`);
  }
}

// Re-exported for builtins.
export { validateType, canBeNil, typedSlice, GoComplex };
export type { ChainNode };
