// Go's exec_test.go fixture (tVal, its types' methods and the test FuncMap),
// adapted to the JavaScript value model: structs and pointers to structs are
// GoObjects with fields and methods, typed maps and slices are tagged, func
// fields are GoFuncs. Pointers to basic values and slices are stored
// dereferenced (the template sees the same output); the few cases that depend
// on real pointers, capacities or integer-keyed maps are skipped in the test.
import { FuncError, goFunc, type FuncMap, type GoFunc } from '../../src/template/funcs.ts';
import { sprint, sprintf, sprintln } from '../../src/template/fmt.ts';
import type { GoInt } from '../../src/template/value.ts';
import {
  GoComplex,
  GoObject,
  goInt,
  typeOf,
  typedMap,
  typedSlice,
  type GoValue,
  type IntKind,
  type Kind,
} from '../../src/template/value.ts';

/** A Go struct (or pointer to one) with exported fields and methods. */
export class GoStruct extends GoObject {
  constructor(
    readonly goType: string,
    readonly goKind: Kind,
    private readonly fields: [string, GoValue][],
    private readonly methods: Record<string, GoFunc> = {},
    private readonly nil = false,
    private readonly stringer?: () => string,
  ) {
    super();
    if (stringer) this.goString = stringer;
  }
  override field(name: string): GoValue | undefined {
    return this.fields.find(([n]) => n === name)?.[1];
  }
  override fieldNames(): readonly string[] {
    return this.fields.map(([n]) => n);
  }
  override method(name: string): GoFunc | undefined {
    return this.methods[name];
  }
  override isNil(): boolean {
    return this.nil;
  }
}

const ints = (...xs: number[]): GoValue[] =>
  typedSlice(
    xs.map((x) => goInt(x)),
    'int',
  );

function newU(v: string): GoStruct {
  return new GoStruct('*template.U', 'ptr', [['V', v]], {
    TrueFalse: goFunc('TrueFalse', 'func(b bool) string', (_c, b: boolean) => (b ? 'true' : '')),
  });
}

function newV(j: number | null, pointer: boolean): GoStruct {
  return new GoStruct(
    pointer ? '*template.V' : 'template.V',
    pointer ? 'ptr' : 'struct',
    [],
    {},
    j === null,
    () => (j === null ? 'nilV' : `<${j}>`),
  );
}

function newW(k: number | null, pointer: boolean): GoStruct {
  return new GoStruct(
    pointer ? '*template.W' : 'template.W',
    pointer ? 'ptr' : 'struct',
    [],
    {},
    k === null,
    () => (k === null ? 'nilW' : `[${k}]`),
  );
}

/** *template.T with the given fields (zero values elsewhere), with T's methods. */
export function newT(fields: [string, GoValue][], nil = false): GoStruct {
  const self: { t?: GoStruct } = {};
  const methods: Record<string, GoFunc> = {
    Method0: goFunc('Method0', 'func() string', () => 'M0'),
    Method1: goFunc('Method1', 'func(a int) int', (_c, a: bigint) => a),
    Method2: goFunc(
      'Method2',
      'func(a uint16, b string) string',
      (_c, a: bigint, b: string) => `Method2: ${a} ${b}`,
    ),
    Method3: goFunc('Method3', 'func(v interface{}) string', (_c, v: GoValue) =>
      sprintf('Method3: %v', v),
    ),
    Copy: goFunc('Copy', 'func() *template.T', () => self.t),
    MAdd: goFunc('MAdd', 'func(a int, b []int) []int', (_c, a: bigint, b: GoValue[]) =>
      typedSlice(
        b.map((x) => goInt((x as { value: bigint }).value + a)),
        'int',
      ),
    ),
    MyError: goFunc('MyError', 'func(error bool) (bool, error)', (_c, e: boolean) => {
      if (e) throw new FuncError('my error');
      return false;
    }),
    GetU: goFunc('GetU', 'func() *template.U', () => self.t?.field('U') ?? null),
  };
  self.t = new GoStruct('*template.T', 'ptr', fields, methods, nil);
  return self.t;
}

const nilPtr = (type: string): GoObject => new GoStruct(type, 'ptr', [], {}, true, undefined);

/** A Go map with integer keys: `index` works on it; field access fails as in Go. */
class IntKeyMap extends GoObject {
  readonly goKind = 'map' as const;
  readonly goType: string;
  override readonly mapKeyType: string;
  override readonly mapElemType: string;
  constructor(
    key: IntKind,
    elem: 'int' | 'string',
    private readonly entries: [number, GoValue][],
  ) {
    super();
    this.goType = `map[${key}]${elem}`;
    this.mapKeyType = key;
    this.mapElemType = elem;
  }
  override mapIndex(key: GoValue): GoValue | undefined {
    const k = (key as GoInt).value;
    return this.entries.find(([n]) => BigInt(n) === k)?.[1];
  }
}
const intKeyMap = (key: IntKind, elem: 'int' | 'string', entries: [number, GoValue][]) =>
  new IntKeyMap(key, elem, entries);

export function tVal(): GoStruct {
  return newT([
    ['unexported', goInt(0)],
    ['True', true],
    ['I', goInt(17)],
    ['U16', goInt(16, 'uint16')],
    ['X', 'x'],
    ['S', 'xyz'],
    ['FloatZero', 0],
    ['ComplexZero', new GoComplex(0, 0)],
    ['U', newU('v')],
    ['V0', newV(6666, false)],
    ['V1', newV(7777, true)],
    ['V2', newV(null, true)],
    ['W0', newW(888, false)],
    ['W1', newW(999, true)],
    ['W2', newW(null, true)],
    ['SI', ints(3, 4, 5)],
    ['SIEmpty', typedSlice([], 'int')],
    ['SB', typedSlice([true, false], 'bool')],
    ['AI', ints(3, 4, 5)],
    ['MSI', typedMap({ one: goInt(1), two: goInt(2), three: goInt(3) }, 'int')],
    ['MSIone', typedMap({ one: goInt(1) }, 'int')],
    ['MSIEmpty', typedMap({}, 'int')],
    ['MXI', typedMap({ one: goInt(1) }, 'int')],
    ['MII', intKeyMap('int', 'int', [[1, goInt(1)]])],
    [
      'MI32S',
      intKeyMap('int32', 'string', [
        [1, 'one'],
        [2, 'two'],
      ]),
    ],
    [
      'MI64S',
      intKeyMap('int64', 'string', [
        [2, 'i642'],
        [3, 'i643'],
      ]),
    ],
    [
      'MUI32S',
      intKeyMap('uint32', 'string', [
        [2, 'u322'],
        [3, 'u323'],
      ]),
    ],
    [
      'MUI64S',
      intKeyMap('uint64', 'string', [
        [2, 'ui642'],
        [3, 'ui643'],
      ]),
    ],
    [
      'MI8S',
      intKeyMap('int8', 'string', [
        [2, 'i82'],
        [3, 'i83'],
      ]),
    ],
    [
      'MUI8S',
      intKeyMap('uint8', 'string', [
        [2, 'u82'],
        [3, 'u83'],
      ]),
    ],
    [
      'SMSI',
      [
        typedMap({ one: goInt(1), two: goInt(2) }, 'int'),
        typedMap({ eleven: goInt(11), twelve: goInt(12) }, 'int'),
      ],
    ],
    ['Empty0', null],
    ['Empty1', goInt(3)],
    ['Empty2', 'empty2'],
    ['Empty3', ints(7, 8)],
    ['Empty4', newU('UinEmpty')],
    ['NonEmptyInterface', newT([['X', 'x']])],
    ['NonEmptyInterfacePtS', typedSlice(['a', 'b'], 'string')],
    ['NonEmptyInterfaceNil', null],
    ['NonEmptyInterfaceTypedNil', newT([], true)],
    ['Str', new GoStruct('*bytes.Buffer', 'ptr', [], {}, false, () => 'foozle')],
    ['Err', new GoStruct('*errors.errorString', 'ptr', [], {}, false, () => 'erroozle')],
    ['PI', goInt(23)],
    ['PS', 'a string'],
    ['PSI', ints(21, 22, 23)],
    ['NIL', nilPtr('*int')],
    [
      'BinaryFunc',
      goFunc(
        'BinaryFunc',
        'func(string, string) string',
        (_c, a: string, b: string) => `[${a}=${b}]`,
      ),
    ],
    [
      'VariadicFunc',
      goFunc('VariadicFunc', 'func(...string) string', (_c, ...s: string[]) =>
        sprint('<', s.join('+'), '>'),
      ),
    ],
    [
      'VariadicFuncInt',
      goFunc('VariadicFuncInt', 'func(int, ...string) string', (_c, a: bigint, ...s: string[]) =>
        sprint(goInt(a), '=<', s.join('+'), '>'),
      ),
    ],
    ['NilOKFunc', goFunc('NilOKFunc', 'func(*int) bool', (_c, p: GoValue) => p === null)],
    ['ErrFunc', goFunc('ErrFunc', 'func() (string, error)', () => 'bla')],
    [
      'PanicFunc',
      goFunc('PanicFunc', 'func() string', () => {
        throw new FuncError('test panic');
      }),
    ],
  ]);
}

/** The FuncMap of Go's testExecute. */
export function testFuncs(): FuncMap {
  return {
    add: goFunc('add', 'func(args ...int) int', (_c, ...xs: bigint[]) =>
      xs.reduce((a, b) => a + b, 0n),
    ),
    count: goFunc('count', 'func(n int) chan string', (_c, n: bigint) =>
      typedSlice(
        Array.from({ length: Number(n) }, (_, i) => 'abcdefghijklmnop'[i] as string),
        'string',
      ),
    ),
    dddArg: goFunc('dddArg', 'func(a int, b ...string) string', (_c, a: bigint, ...b: string[]) =>
      sprintln(goInt(a), typedSlice(b, 'string')),
    ),
    die: goFunc('die', 'func() bool', () => {
      throw new FuncError('die');
    }),
    echo: goFunc('echo', 'func(arg interface{}) interface{}', (_c, a: GoValue) => a),
    makemap: goFunc('makemap', 'func(arg ...string) map[string]string', (_c, ...a: string[]) => {
      if (a.length % 2 !== 0) throw new FuncError('bad makemap');
      const m: Record<string, string> = {};
      for (let i = 0; i < a.length; i += 2) m[a[i] as string] = a[i + 1] as string;
      return m;
    }),
    mapOfThree: goFunc('mapOfThree', 'func() interface{}', () =>
      typedMap({ three: goInt(3) }, 'int'),
    ),
    oneArg: goFunc('oneArg', 'func(a string) string', (_c, a: string) => 'oneArg=' + a),
    returnInt: goFunc('returnInt', 'func() int', () => 7),
    stringer: goFunc('stringer', 'func(s fmt.Stringer) string', (_c, s: GoObject) =>
      (s.goString as () => string)(),
    ),
    twoArgs: goFunc(
      'twoArgs',
      'func(a, b string) string',
      (_c, a: string, b: string) => 'twoArgs=' + a + b,
    ),
    typeOf: goFunc('typeOf', 'func(arg interface{}) string', (_c, a: GoValue) => typeOf(a)),
    valueString: goFunc('valueString', 'func(v string) string', () => 'value is ignored'),
    vfunc: goFunc('vfunc', 'func(template.V, *template.V) string', () => 'vfunc'),
    zeroArgs: goFunc('zeroArgs', 'func() string', () => 'zeroArgs'),
  };
}

/** The data of the `json` and `go-only` cases that JSON cannot express. */
export function adaptedData(name: string): GoValue | undefined {
  switch (name) {
    case 'dot complex':
      return new GoComplex(16.2, -17);
    case 'dot struct':
      return new GoStruct('struct { a int; b string }', 'struct', [
        ['a', goInt(7)],
        ['b', 'seven'],
      ]);
    case 'dot uint':
      return goInt(14, 'uint');
    case 'method on nil value from slice':
      return [newT([], true)];
    case 'Interface Call':
      return { S: new GoStruct('*bytes.Buffer', 'ptr', [], {}, false, () => 'foozle') };
    case 'bug1':
    case 'bug11':
      return tVal();
    case 'bug18a':
    case 'bug18b':
    case 'bug18c':
      return undefined; // runes: int32 in Go
  }
  return undefined;
}
