// A fast-check grammar of Go templates (actions, pipelines, variables,
// control structures, trim markers, constants of every syntax, builtins and
// deterministic sprig functions) and of the JSON data they run on. Generated
// templates are often invalid on purpose: the oracle and Maestro must then
// agree that they fail.
import fc from 'fast-check';

const names = ['a', 'b', 'c', 'A', 'Bb', 'x1'];

const fieldPath = fc
  .array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 })
  .map((fs) => '.' + fs.join('.'));

const variable = fc.constantFrom('$', '$x', '$y', '$.a', '$x.a', '$i', '$v', '$.b.c');

const literal = fc.constantFrom(
  '0',
  '1',
  '-3',
  '42',
  '7',
  '0x1F',
  '1_000',
  '0o17',
  '0b101',
  '017',
  '08',
  '1.5',
  '-0.25',
  '1e3',
  '2.0',
  '0x1p-2',
  '1e400',
  '99999999999999999999',
  '1i',
  '"abc"',
  '""',
  '"a\\tb"',
  '"x y"',
  '`raw`',
  '"héllo"',
  '"3"',
  '"010"',
  '"true"',
  "'a'",
  "'\\n'",
  "'é'",
  '"<&>\'\\""',
  '"\\u00e9"',
  '"日本"',
  '"\\x41"',
  '0.1',
  '1e21',
  '1e-7',
  '-0',
  '123456789',
  '0x7fffffffffffffff',
  '1+2i',
  'true',
  'false',
  'nil',
  '.',
);

const funcs = [
  // builtins
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'html',
  'js',
  'urlquery',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  // deterministic sprig
  'int',
  'int64',
  'float64',
  'add',
  'add1',
  'sub',
  'mul',
  'div',
  'mod',
  'min',
  'max',
  'until',
  'untilStep',
  'list',
  'dict',
  'default',
  'empty',
  'coalesce',
  'ternary',
  'upper',
  'lower',
  'title',
  'trim',
  'trimSuffix',
  'trimPrefix',
  'replace',
  'contains',
  'hasPrefix',
  'hasSuffix',
  'quote',
  'squote',
  'indent',
  'nindent',
  'b64enc',
  'b64dec',
  'toJson',
  'toYaml',
  'join',
  'splitList',
  'first',
  'last',
  'keys',
  'hasKey',
  'get',
  'toString',
  'atoi',
  'repeat',
  'substr',
  'trunc',
  'kindOf',
  'typeOf',
  'sortAlpha',
  'uniq',
  'compact',
];

const printfFormat = fc
  .array(
    fc.constantFrom(
      '%v',
      '%d',
      '%s',
      '%q',
      '%x',
      '%5.2f',
      '%-4v|',
      '%03d',
      '%T',
      '%t',
      '%e',
      '%g',
      '%+d',
      '%%',
      '%!',
      '%[2]v',
      '%*d',
      '%.1s',
      '%#v',
      '%c',
      '%U',
      '%5s',
      '%-5q',
      '%x',
      '% x',
      '%#x',
      '%08.3f',
      '%+v',
      '%10.4v',
      '%.0f',
      '%.3e',
      '%o',
      '%b',
      '%.2g',
      ' ',
      'x',
    ),
    { maxLength: 4 },
  )
  .map((p) => JSON.stringify(p.join('')));

const text = fc.constantFrom('', 'x', ' ', '\n', 'a b', ' \t\n', 'é', '{', '}', 'end', '-');

interface Gen {
  pipeline: string;
  command: string;
  operand: string;
  body: string;
  item: string;
}

const grammar = fc.letrec<Gen>((tie0) => {
  const tie = (k: keyof Gen): fc.Arbitrary<string> => tie0(k) as fc.Arbitrary<string>;
  return {
    operand: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fieldPath,
      literal,
      variable,
      tie('pipeline').map((p) => `(${p})`),
      fc.tuple(tie('pipeline'), fieldPath).map(([p, f]) => `(${p})${f}`),
    ),
    command: fc.oneof(
      { depthSize: 'small' },
      tie('operand'),
      fc
        .tuple(fc.constantFrom(...funcs), fc.array(tie('operand'), { maxLength: 3 }))
        .map(([f, args]) => [f, ...args].join(' ')),
      fc
        .tuple(printfFormat, fc.array(tie('operand'), { maxLength: 3 }))
        .map(([f, args]) => ['printf', f, ...args].join(' ')),
    ),
    pipeline: fc
      .tuple(
        fc.constantFrom('', '', '', '$x := ', '$y := ', '$x = ', '$i, $v := '),
        fc.array(tie('command'), { minLength: 1, maxLength: 3 }),
      )
      .map(([decl, cmds]) => decl + cmds.join(' | ')),
    item: fc.oneof(
      { depthSize: 'small' },
      text,
      fc
        .tuple(
          fc.constantFrom('{{', '{{- ', '{{ '),
          tie('pipeline'),
          fc.constantFrom('}}', ' -}}', ' }}'),
        )
        .map(([l, p, r]) => l + p + r),
      fc
        .tuple(
          fc.constantFrom('if', 'with', 'range'),
          tie('pipeline'),
          tie('body'),
          fc.option(tie('body'), { nil: undefined }),
        )
        .map(([k, p, b, e]) => `{{${k} ${p}}}${b}${e === undefined ? '' : `{{else}}${e}`}{{end}}`),
      fc
        .tuple(tie('pipeline'), tie('body'), tie('pipeline'), tie('body'))
        .map(([p, b, q, c]) => `{{if ${p}}}${b}{{else if ${q}}}${c}{{end}}`),
      fc.constantFrom('{{break}}', '{{continue}}', '{{/* c */}}', '{{- /* c */ -}}', '{{end}}'),
      fc
        .tuple(tie('pipeline'), tie('body'), tie('pipeline'), tie('body'))
        .map(([p, b, q, c]) => `{{with ${p}}}${b}{{else with ${q}}}${c}{{end}}`),
      fc
        .tuple(
          fc.constantFrom('$i, $v := ', '$v := ', '$i, $v = ', ''),
          tie('pipeline'),
          tie('body'),
        )
        .map(([d, p, b]) => `{{range ${d}${p}}}${b}{{end}}`),
      fc
        .tuple(fc.constantFrom('"b"', '`b`'), fc.constantFrom('.', '.a', '$'), tie('body'))
        .map(
          ([n, a, b]) =>
            `{{block ${n} ${a}}}${b.replace(/\{\{(template|block|define)[^}]*\}\}/g, '')}{{end}}`,
        ),
      fc.constantFrom(
        '{{range 3}}x{{end}}',
        '{{range $i := 2}}{{$i}}{{end}}',
        '{{len .a}}',
        '{{index . "a" 0}}',
        '{{eq .a 1}}',
        '{{lt .a .b}}',
        '{{and .a .b}}',
        '{{or .a .b .c}}',
        '{{not .a}}',
        '{{.a | printf "%v|%T"}}',
        '{{printf "%v" .}}',
        '{{toJson .}}',
        '{{toYaml .}}',
        '{{print . .a}}',
        '{{println .a .b}}',
        '{{html .}}',
        '{{js .}}',
        '{{urlquery .}}',
        '{{slice .a 1}}',
        '{{index .a 1}}',
      ),
      fc
        .tuple(fc.constantFrom('"x"', '"y"'), tie('body'), fc.constantFrom('.', '.a', '$', ''))
        .map(
          ([n, b, arg]) =>
            `{{define ${n}}}${b.replace(/\{\{template[^}]*\}\}/g, '')}{{end}}{{template ${n} ${arg}}}`,
        ),
    ),
    body: fc.array(tie('item'), { maxLength: 4 }).map((xs) => xs.join('')),
  };
});

/** Templates: a body of items, sometimes with a variable declared up front. */
export const templateArb = fc
  .tuple(fc.constantFrom('', '{{$x := .a}}', '{{$y := 1}}{{$x := .}}'), grammar.body)
  .map(([prefix, body]) => prefix + body);

const key = fc.constantFrom(...names, 'one', 'two', 'z');

/** JSON data text (so that numbers keep their written form for `numbers: int`). */
export const dataArb: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie0) => {
  const tie = (k: 'v'): fc.Arbitrary<string> => tie0(k) as fc.Arbitrary<string>;
  return {
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(
        '0',
        '1',
        '-2',
        '3',
        '1.5',
        '2.0',
        '1e2',
        '17',
        '"x"',
        '""',
        '"3"',
        '"a b"',
        'true',
        'false',
        'null',
      ),
      fc.array(tie('v'), { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`),
      fc
        .uniqueArray(fc.tuple(key, tie('v')), { maxLength: 4, selector: (t) => t[0] })
        .map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    ),
  };
}).v;

/** One protocol line. */
export const caseArb = fc
  .tuple(
    templateArb,
    fc
      .uniqueArray(fc.tuple(key, dataArb), { maxLength: 5, selector: (t) => t[0] })
      .map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.constantFrom('error', 'default', 'zero'),
    fc.constantFrom('int', 'float64'),
  )
  .map(
    ([template, data, missingkey, numbers]) =>
      `{"template":${JSON.stringify(template)},"data":${data},"missingkey":"${missingkey}","numbers":"${numbers}"}`,
  );

// Token soup: fragments of the syntax in random order, to reach the lexer's
// and parser's error paths (unclosed actions, bad numbers, misplaced keywords).
const fragments = [
  '{{',
  '}}',
  '{{-',
  '-}}',
  ' - ',
  '-',
  ' ',
  '\n',
  '\t',
  '$',
  '$x',
  '.',
  '.a',
  'a',
  '(',
  ')',
  '|',
  '"',
  '"x"',
  '`',
  '`r`',
  "'",
  "'a'",
  ':=',
  '=',
  ',',
  'if',
  'end',
  'range',
  'else',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'nil',
  'true',
  '1',
  '0x',
  '1e',
  '1.5',
  '-2',
  '+3',
  '0b1',
  '1i',
  '/*',
  '*/',
  '#',
  'é',
  '\\',
  'printf',
  'len',
  'eq',
  ']',
  '%',
];

/** One protocol line whose template is a random sequence of syntax fragments. */
export const lexicalCaseArb = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.constantFrom('{{', '}}', '{{ ', ' }}')), {
    maxLength: 14,
  })
  .map((p) => JSON.stringify({ template: p.join(''), data: { a: 1 }, missingkey: 'default' }));
