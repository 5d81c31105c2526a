// An engine instance: a function map (builtins plus, e.g., sprig), options,
// budgets, and a cache of parsed-and-compiled templates keyed by name and text.
// Parse once, execute many times.
import { builtinFuncs } from './builtins.ts';
import {
  DeadlineError,
  ExecError,
  State,
  TemplateBudgetError,
  TemplateSet,
  type ExecEnv,
  type MissingKey,
} from './exec.ts';
import {
  BudgetError,
  FuncError,
  createRandom,
  defaultBudget,
  type Budget,
  type CallContext,
  type FuncMap,
  type GoFunc,
  type RandomSource,
} from './funcs.ts';
import { ParseError, parse } from './parser.ts';
import type { GoValue } from './value.ts';

export interface EngineOptions {
  /** Functions added over the builtins; a name here replaces a builtin (sprig's `slice`). */
  funcs?: FuncMap;
  /** Go's missingkey option. Go's default is 'default'; KUDO uses 'error'. */
  missingkey?: MissingKey;
  /** Upper bounds for one render. */
  budget?: Partial<Budget>;
  /** Seed of the deterministic random source that functions see. */
  seed?: string | number;
  /** The clock functions see: nanoseconds since the Unix epoch. */
  now?: () => bigint;
  /** The time zone functions see (IANA name). */
  location?: string;
  /** Maximum number of compiled templates kept (least recently used are dropped). */
  cacheSize?: number;
  /**
   * The random source functions see, made once per render; replaces the seeded
   * one (e.g. a cryptographic source for keys and tokens that must not be guessable).
   */
  random?: () => RandomSource;
}

/**
 * The outcome of a render: Go's `ok`, output and error, like the oracle's
 * protocol, plus `generated: true` when the render drew from the random source
 * (randAlphaNum, uuidv4, genCA, bcrypt, shuffle and the like). A template
 * whose output depends on that draw changes when the seed or the call order
 * does; the plan engine keeps such children sticky (docs/plan-engine.md).
 * `generated` is not part of the oracle protocol (protocol.ts encodes only
 * ok, out, phase and err).
 */
export type RenderResult =
  | { ok: true; out: string; generated?: true }
  | {
      ok: false;
      phase: 'parse' | 'exec';
      err: string;
      out: string;
      budget: boolean;
      generated?: true;
    };

export interface Engine {
  /** Renders `text` as template `name` (cached by name and text). Throws ParseError or ExecError. */
  render(name: string, text: string, data: GoValue | undefined): string;
  /** Like render, but returns Go's outcome instead of throwing. */
  tryRender(name: string, text: string, data: GoValue | undefined): RenderResult;
  /** Parses (and caches) a template; throws ParseError. */
  parse(name: string, text: string): TemplateSet;
  /**
   * Parses several files into one set, as Go's ParseFiles does: every file's
   * `define`s are visible to the others (a later file's definition wins), and
   * each file is a template named after it. Throws ParseError.
   */
  parseFiles(files: ReadonlyArray<{ name: string; text: string }>): TemplateSet;
  /** Executes template `name` of a set (from parseFiles) with Go's outcome. */
  tryExecute(set: TemplateSet, name: string, data: GoValue | undefined): RenderResult;
}

export { ParseError, ExecError, TemplateBudgetError, DeadlineError };
export { setRenderClock, type RenderClock } from './exec.ts';

/**
 * Called with a template's name before each render; a string it returns refuses
 * the render with that message (a budget failure). The render worker sets it
 * to record which template runs, so that a worker stopped by its memory
 * ceiling or deadline can be answered with the template's name, and to refuse
 * the template that stopped it when the request is answered again.
 */
export type RenderWatch = (name: string) => string | undefined;
let renderWatch: RenderWatch | undefined;

/** Installs (or, with undefined, removes) the process-wide render watch; returns the previous one. */
export function setRenderWatch(watch: RenderWatch | undefined): RenderWatch | undefined {
  const previous = renderWatch;
  renderWatch = watch;
  return previous;
}

export function createEngine(opts: EngineOptions = {}): Engine {
  const funcs = new Map<string, { fn: GoFunc; builtin: boolean }>();
  for (const [k, fn] of Object.entries(builtinFuncs())) funcs.set(k, { fn, builtin: true });
  for (const [k, fn] of Object.entries(opts.funcs ?? {})) funcs.set(k, { fn, builtin: false });
  const env: ExecEnv = { funcs, missingkey: opts.missingkey ?? 'error' };
  const limits = { ...defaultBudget, ...opts.budget };
  const hasFunction = (n: string): boolean => funcs.has(n);
  // Keyed by the text itself (a string a caller reuses keeps its hash), then by name.
  const cache = new Map<string, Map<string, TemplateSet | ParseError>>();
  const cacheSize = opts.cacheSize ?? 1000;
  const seed = opts.seed ?? 0;
  const now = opts.now ?? (() => 0n);
  const location = opts.location ?? 'UTC';

  const parseCached = (name: string, text: string): TemplateSet => {
    let byName = cache.get(text);
    if (byName !== undefined) {
      // Least recently used goes first: move a hit to the end.
      cache.delete(text);
      cache.set(text, byName);
    } else {
      byName = new Map();
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(text, byName);
    }
    let set = byName.get(name);
    if (set === undefined) {
      try {
        set = new TemplateSet(parse(name, text, hasFunction), env);
      } catch (caught) {
        let e = caught;
        // Go's parser has no depth limit; ours is the JavaScript stack.
        if (e instanceof RangeError && /call stack/.test(e.message)) {
          e = new ParseError(`template: ${name}: expression nested too deeply`);
        }
        if (!(e instanceof ParseError)) throw e;
        set = e;
      }
      byName.set(name, set);
    }
    if (set instanceof ParseError) throw set;
    return set;
  };

  const makeRandom = (): RandomSource => (opts.random ? opts.random() : createRandom(seed));
  const makeCtx = (s: State): CallContext =>
    new RenderContext(s, makeRandom, now, location, limits.steps, limits.costly);

  const execute = (name: string, set: TemplateSet, data: GoValue | undefined, s: State): void => {
    const root = set.lookup(name);
    if (root === undefined)
      return s.errorf(`${JSON.stringify(name)} is an incomplete or empty template`);
    try {
      root(s, data === null ? undefined : data);
    } catch (e) {
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        s.errorf('render budget exhausted: recursion too deep', true);
      }
      throw e;
    }
  };

  const tryExecute = (set: TemplateSet, name: string, data: GoValue | undefined): RenderResult => {
    const root = data === null ? undefined : data;
    const s = new State(set, env, name, limits, makeCtx);
    s.vars.push({ name: '$', value: root });
    try {
      execute(name, set, data, s);
      return s.generated ? { ok: true, out: s.out, generated: true } : { ok: true, out: s.out };
    } catch (e) {
      if (e instanceof ExecError) {
        return {
          ok: false,
          phase: 'exec',
          err: e.message,
          out: s.out,
          budget: e instanceof TemplateBudgetError,
          ...(s.generated && { generated: true as const }),
        };
      }
      throw e;
    }
  };

  return {
    parse: parseCached,
    render(name, text, data) {
      const set = parseCached(name, text);
      const root = data === null ? undefined : data;
      const s = new State(set, env, name, limits, makeCtx);
      s.vars.push({ name: '$', value: root });
      execute(name, set, data, s);
      return s.out;
    },
    tryRender(name, text, data) {
      const refused = renderWatch?.(name);
      if (refused !== undefined) {
        return {
          ok: false,
          phase: 'exec',
          err: `template: ${name}: ${refused}`,
          out: '',
          budget: true,
        };
      }
      let set: TemplateSet;
      try {
        set = parseCached(name, text);
      } catch (e) {
        if (e instanceof ParseError) {
          return {
            ok: false,
            phase: 'parse',
            err: e.message,
            out: '',
            budget: false,
          };
        }
        throw e;
      }
      return tryExecute(set, name, data);
    },
    parseFiles(files) {
      const trees: TemplateSet['trees'] = new Map();
      for (const f of files) {
        for (const [n, t] of parseCached(f.name, f.text).trees) {
          // The file's own template always; a define only when it has content
          // or is new (Go's AddParseTree keeps a non-empty definition).
          if (n === f.name || !trees.has(n) || t.root.nodes.length > 0) trees.set(n, t);
        }
      }
      return new TemplateSet(trees, env);
    },
    tryExecute,
  };
}

/**
 * What a function sees of one render. A class rather than an object literal
 * with closures, and the seeded random source made on first draw: most renders
 * call functions but draw nothing, and a context per render was a third of
 * what the engine allocated (bench/template-exec.bench.ts).
 */
class RenderContext implements CallContext {
  private random: RandomSource | undefined;
  constructor(
    private readonly s: State,
    private readonly makeRandom: () => RandomSource,
    readonly now: () => bigint,
    readonly location: string,
    private readonly steps: number,
    private readonly costly: number,
  ) {}

  get templateName(): string {
    return this.s.tmplName;
  }

  charge(units: number): void {
    const s = this.s;
    s.steps -= units;
    if (s.steps < 0) {
      const stop = s.overdrawn();
      if (stop !== undefined) throw stop;
    }
  }

  chargeBytes(bytes: number): void {
    const s = this.s;
    s.allocLeft -= bytes;
    if (s.allocLeft < 0) {
      throw new BudgetError(
        `more than ${s.limits.allocBytes} bytes of intermediate strings, lists and maps`,
      );
    }
  }

  chargeCostly(units: number, what: string): void {
    const s = this.s;
    s.checkClock();
    s.costlyLeft -= units;
    if (s.costlyLeft < 0) {
      throw new BudgetError(
        `more than ${this.costly} units of key generation and password hashing (${what})`,
      );
    }
  }

  // Tracked where the seeded source is drawn, so that no generator function
  // can be left out of the report: every draw marks the render.
  get rand(): RandomSource {
    this.random ??= trackedRandom(this.makeRandom(), this.s);
    return this.random;
  }

  execTemplate(name: string, data: GoValue): string {
    const s = this.s;
    const t = s.set.lookup(name);
    if (t === undefined) throw new FuncError(`template ${JSON.stringify(name)} not defined`);
    const saved = { out: s.out, vars: s.vars, name: s.tmplName };
    s.out = '';
    s.vars = [{ name: '$', value: data }];
    s.tmplName = name;
    try {
      t(s, data);
      return s.out;
    } finally {
      s.out = saved.out;
      s.vars = saved.vars;
      s.tmplName = saved.name;
    }
  }
}

/** A random source that marks the render's state on every draw. */
function trackedRandom(r: RandomSource, s: State): RandomSource {
  return {
    uint32() {
      s.generated = true;
      return r.uint32();
    },
    float64() {
      s.generated = true;
      return r.float64();
    },
    intn(n: number) {
      s.generated = true;
      return r.intn(n);
    },
    bytes(n: number) {
      s.generated = true;
      return r.bytes(n);
    },
  };
}

/** The stable error code (src/errors.ts) of a failed render. */
export function templateErrorCode(
  r: Extract<RenderResult, { ok: false }>,
): 'MAESTRO_TEMPLATE_PARSE' | 'MAESTRO_TEMPLATE_EXEC' | 'MAESTRO_TEMPLATE_BUDGET' {
  if (r.phase === 'parse') return 'MAESTRO_TEMPLATE_PARSE';
  return r.budget ? 'MAESTRO_TEMPLATE_BUDGET' : 'MAESTRO_TEMPLATE_EXEC';
}
