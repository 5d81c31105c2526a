// Differential fuzzing of the sprig functions against the Go oracle: fast-check
// generates inputs aimed at each family's corners (YAML quoting and folding,
// case conversions on Unicode, byte-wise cuts, base-prefixed numbers, semver
// constraints, RE2 patterns, Go date layouts and zones, URLs, base64/32,
// merges, list reflection), renders each case through the oracle and through
// Maestro's engine, and requires the same ok, output and error text.
// The seed varies per run (SPRIG_FUZZ_SEED pins it); a failure prints it.
// Every disagreement found becomes a regression case in test/golden/sprig/cases.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeCase } from '../../src/template/protocol.ts';
import { oracle } from './differential.ts';
import { sprigEngine, wire } from './sprig-golden.ts';

const seed = Number(process.env.SPRIG_FUZZ_SEED ?? Date.now() % 2147483647);
const perFamily = Number(process.env.SPRIG_FUZZ_RUNS ?? 100);

const chars = fc.constantFrom(
  ...Array.from('aAbZz09 _-.:#\'"\\\n\t{}[],&*!|>%@`?~=+/éÉßΣ✓😀\u00a0\u2028'),
);
const str = fc.array(chars, { maxLength: 12 }).map((a) => a.join(''));
const word = fc
  .array(fc.constantFrom(...Array.from('abcXYZ019 _-.')), { maxLength: 10 })
  .map((a) => a.join(''));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    str,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(str, tie('v'), { maxKeys: 4 }),
  ),
})).v;
const q = (s: string): string => JSON.stringify(s);

type Case = { t: string; d: unknown; n?: string };
const numbersMode = fc.constantFrom('int', 'float64');

const families: Record<string, fc.Arbitrary<Case>> = {
  timeParsing: fc
    .tuple(
      fc.array(
        fc.constantFrom(
          '2006',
          '06',
          '01',
          '1',
          'Jan',
          'January',
          '02',
          '2',
          '_2',
          '15',
          '03',
          '3',
          '04',
          '4',
          '05',
          '5',
          'PM',
          'pm',
          'MST',
          '-0700',
          '-07:00',
          'Z07:00',
          'Z0700',
          '.000',
          '.999',
          ',000',
          'Mon',
          'Monday',
          '002',
          '__2',
          ' ',
          '-',
          ':',
          'T',
        ),
        { maxLength: 5 },
      ),
      fc.array(
        fc.constantFrom(
          '2021',
          '21',
          '3',
          '03',
          '13',
          'Mar',
          'March',
          'mar',
          'Thu',
          'Thursday',
          ' ',
          '  ',
          '-',
          ':',
          'T',
          '05',
          '5',
          '59',
          '60',
          'PM',
          'AM',
          'pm',
          'UTC',
          'PST',
          'GMT+3',
          'CEST',
          '+0530',
          '-07:00',
          'Z',
          '.5',
          '.123456789',
          ',25',
          '366',
          '060',
          '29',
          '31',
          '0',
          'x',
          '1234',
        ),
        { maxLength: 6 },
      ),
    )
    .map(([l, v]) => ({
      t: '{{ mustToDate .l .v | date "2006-01-02T15:04:05.999999999Z07:00 MST" }}',
      d: { l: l.join(''), v: v.join('') },
    })),
  semverValues: fc
    .array(
      fc.constantFrom(
        'v',
        '1',
        '0',
        '01',
        '.',
        '2',
        '-',
        '+',
        'alpha',
        'x',
        '*',
        'beta.1',
        '99999999999999999999',
        'rc-1',
      ),
      { maxLength: 8 },
    )
    .map((a) => ({
      t: '{{ $v := semver .x }}{{ $v }}|{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}|{{ $v.Original }}|{{ $v.IncPatch }}|{{ $v.IncMinor }}|{{ $v.Compare (semver "1.0.0") }}',
      d: { x: a.join('') },
    })),
  stringFunctions: fc.tuple(str, str, str, fc.integer({ min: -3, max: 6 })).map(([a, b, c, n]) => ({
    t: `{{ indent ${Math.max(n, 0)} .a }}|{{ nindent ${Math.max(n, 0)} .a }}|{{ replace .b .c .a }}|{{ split .b .a }}|{{ splitn .b ${n} .a }}|{{ splitList .b .a }}|{{ trimAll .b .a }}|{{ trimPrefix .b .a }}|{{ trimSuffix .b .a }}|{{ contains .b .a }}|{{ hasPrefix .b .a }}|{{ repeat ${Math.max(n, 0)} .b }}|{{ plural .b .c ${n} }}|{{ sha1sum .a }}|{{ adler32sum .a }}|{{ b64enc .a }}|{{ regexQuoteMeta .a }}`,
    d: { a, b, c },
  })),
  sequences: fc
    .tuple(
      fc.integer({ min: -6, max: 6 }),
      fc.integer({ min: -6, max: 6 }),
      fc.integer({ min: -6, max: 6 }),
    )
    .map(([a, b, c]) => ({
      t: `{{ seq ${a} }}|{{ seq ${a} ${b} }}|{{ seq ${a} ${b} ${c} }}|{{ until ${a} }}|{{ untilStep ${a} ${b} ${c} }}|{{ chunk ${Math.abs(c) + 1} (until ${Math.abs(a)}) }}`,
      d: {},
    })),
  rawUrls: fc
    .array(
      fc.constantFrom(
        'http',
        ':',
        '/',
        '//',
        '@',
        '?',
        '#',
        '%',
        '%2',
        '%zz',
        '%41',
        ' ',
        '[',
        ']',
        'a',
        '1',
        '.',
        'ü',
        '\t',
        '+',
        ';',
        '=',
      ),
      { maxLength: 10 },
    )
    .map((a) => ({ t: '{{ urlParse .x }}', d: { x: a.join('') } })),
  toYaml: fc.tuple(json, numbersMode).map(([d, n]) => ({ t: '{{ toYaml .x }}', d: { x: d }, n })),
  yamlStrings: str.map((s) => ({
    t: '{{ toYaml .x }}|{{ toYaml (dict .x .x) }}|{{ toYaml (list .x) }}',
    d: { x: s },
  })),
  json: fc.tuple(json, numbersMode).map(([d, n]) => ({
    t: '{{ toJson .x }}|{{ toPrettyJson .x }}|{{ toRawJson .x }}|{{ toString .x }}|{{ quote .x }}|{{ squote .x }}|{{ cat .x .x }}',
    d: { x: d },
    n,
  })),
  caseConversions: str.map((s) => ({
    t: '{{ snakecase .x }}|{{ camelcase .x }}|{{ kebabcase .x }}|{{ title .x }}|{{ untitle .x }}|{{ swapcase .x }}|{{ initials .x }}|{{ nospace .x }}|{{ upper .x }}|{{ lower .x }}|{{ trim .x }}',
    d: { x: s },
  })),
  byteCuts: fc
    .tuple(str, fc.integer({ min: -5, max: 15 }), fc.integer({ min: -5, max: 15 }))
    .map(([s, a, b]) => ({
      t: `{{ trunc ${a} .x }}|{{ abbrev ${a} .x }}|{{ abbrevboth ${a} ${b} .x }}|{{ wrap ${a} .x }}|{{ wrapWith ${b} "<>" .x }}|{{ substr ${a} ${b} .x }}`,
      d: { x: s },
    })),
  numbers: fc
    .oneof(
      word,
      fc.constantFrom(
        '0x1F',
        '0o7',
        '0b101',
        '1e3',
        '-0',
        '+5',
        '1_0',
        '0.50',
        '3.',
        '.5',
        '9223372036854775808',
        'inf',
        '-Inf',
        'nan',
        '08',
        '007',
        '0x',
        '1__0',
        '_1',
      ),
    )
    .map((s) => ({
      t: '{{ int .x }}|{{ int64 .x }}|{{ float64 .x }}|{{ atoi .x }}|{{ toDecimal .x }}|{{ add .x 1 }}|{{ add1f .x }}|{{ round .x 2 }}|{{ ceil .x }}',
      d: { x: s },
    })),
  math: fc
    .tuple(
      fc.oneof(
        fc.integer({ min: -1000, max: 1000 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom('12', '-3', '2.5', '0x10', 'x', '1e3'),
      ),
      fc.oneof(
        fc.integer({ min: -50, max: 50 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.constantFrom('7', '0', '-2.5'),
      ),
      numbersMode,
    )
    .map(([a, b, n]) => ({
      t: '{{ add .a .b }}|{{ sub .a .b }}|{{ mul .a .b }}|{{ if ne (int64 .b) 0 }}{{ div .a .b }}|{{ mod .a .b }}{{ end }}|{{ max .a .b }}|{{ min .a .b }}|{{ addf .a .b }}|{{ subf .a .b }}|{{ mulf .a .b }}|{{ if ne (float64 .b) 0.0 }}{{ divf .a .b }}{{ end }}|{{ maxf .a .b }}|{{ minf .a .b }}|{{ round .a 1 }}|{{ round .a 0 }}|{{ floor .a }}|{{ ceil .b }}|{{ add1 .a }}|{{ add1f .b }}|{{ biggest .a .b 3 }}',
      d: { a, b },
      n,
    })),
  semver: fc
    .tuple(
      fc.array(fc.constantFrom('', '>', '<', '>=', '<=', '=', '!=', '~', '^', '~>', '=>'), {
        minLength: 2,
        maxLength: 2,
      }),
      fc.array(
        fc.tuple(
          fc.nat(3),
          fc.option(fc.nat(3)),
          fc.option(fc.oneof(fc.nat(3), fc.constant('x'))),
          fc.option(fc.constantFrom('alpha', 'beta.1', '0', 'rc.2')),
        ),
        { minLength: 2, maxLength: 2 },
      ),
      fc.tuple(
        fc.nat(3),
        fc.nat(3),
        fc.nat(3),
        fc.option(fc.constantFrom('alpha', 'beta.1', '0', 'rc.2')),
      ),
      fc.constantFrom(' ', ', ', ' || ', ' - '),
    )
    .map(([ops, vs, [a, b, c, pre], sep]) => {
      const v = (x: [number, number | null, number | 'x' | null, string | null]): string =>
        `${x[0]}${x[1] !== null ? '.' + x[1] : ''}${x[1] !== null && x[2] !== null ? '.' + x[2] : ''}${x[3] ? '-' + x[3] : ''}`;
      const [v0, v1] = vs as [Parameters<typeof v>[0], Parameters<typeof v>[0]];
      const cons =
        sep === ' - ' ? `${v(v0)} - ${v(v1)}` : `${ops[0]}${v(v0)}${sep}${ops[1]}${v(v1)}`;
      return {
        t: `{{ semverCompare ${q(cons)} ${q(`${a}.${b}.${c}${pre ? '-' + pre : ''}`)} }}`,
        d: {},
      };
    }),
  regex: fc
    .tuple(
      fc.array(
        fc.constantFrom(
          'a',
          'b',
          '.',
          '*',
          '+',
          '?',
          '|',
          '(',
          ')',
          '[ab]',
          '[^a]',
          '\\d',
          '\\s',
          '\\w',
          '^',
          '$',
          '{2}',
          '{1,2}',
          '(?:',
          '\\b',
          'x*?',
          '\\.',
          '[a-c]',
          '\\pL',
          '(?i)',
          '(?m)',
          '(?s)',
          '(?U)',
          '(?i:',
          '(?-i)',
          '(?P<n>',
          '[[:alpha:]]',
          '[[:^digit:]]',
          '\\Qa.\\E',
          '[\\D\\s]',
          '[^\\W]',
          'A',
          'É',
          '\\A',
          '\\z',
          '{0,}',
          '{2,3}?',
          '(a|ab)',
          '(a*)*',
          '[é-ê]',
          '\\x{e9}',
          '\\p{Greek}',
          '\\PL',
          '\\1',
          '(?=',
          '\\Z',
        ),
        { maxLength: 6 },
      ),
      fc.array(
        fc.constantFrom(
          'a',
          'b',
          'c',
          ' ',
          '1',
          '.',
          '\n',
          'é',
          'x',
          'A',
          'É',
          'Σ',
          'σ',
          'ς',
          'K',
          '\u212a',
        ),
        { maxLength: 8 },
      ),
    )
    .map(([p, s]) => ({
      t: '{{ regexMatch .p .s }}|{{ regexFindAll .p .s -1 }}|{{ regexFind .p .s }}|{{ regexReplaceAll .p .s "<$0|$1|${n}>" }}|{{ regexReplaceAllLiteral .p .s "$" }}|{{ regexSplit .p .s -1 }}|{{ regexSplit .p .s 2 }}',
      d: { p: p.join(''), s: s.join('') },
    })),
  dates: fc
    .tuple(
      fc.array(
        fc.constantFrom(
          '2006',
          '06',
          '01',
          '1',
          'Jan',
          'January',
          '02',
          '2',
          '_2',
          '15',
          '03',
          '3',
          '04',
          '4',
          '05',
          '5',
          'PM',
          'pm',
          'MST',
          '-0700',
          '-07:00',
          'Z07:00',
          'Z0700',
          '.000',
          '.999',
          ',000',
          'Mon',
          'Monday',
          '002',
          ' ',
          '-',
          ':',
          'T',
          'x',
        ),
        { maxLength: 6 },
      ),
      // Modern instants: zone abbreviations come from 2020 tzdata (docs/template-sprig.md).
      fc.integer({ min: 1420070400, max: 2147483647 }),
      fc.constantFrom(
        'UTC',
        'America/New_York',
        'Europe/Paris',
        'Asia/Kolkata',
        'Local',
        'Bad/Zone',
        '',
        'Asia/Shanghai',
        'Europe/Moscow',
        'Europe/Dublin',
        'GMT',
        'Asia/Dubai',
        'Australia/Sydney',
      ),
    )
    .map(([l, t, z]) => ({
      t: `{{ dateInZone .l (int64 ${t}) .z }}|{{ toDate .l (dateInZone .l (int64 ${t}) "UTC") | date "2006-01-02T15:04:05.999999999Z07:00 MST" }}`,
      d: { l: l.join(''), z },
    })),
  urls: fc
    .tuple(
      fc.constantFrom('', 'http:', 'https:', 'mailto:', 'x+y:', '1a:'),
      fc.constantFrom('', '//', '///'),
      fc.constantFrom('', 'u@', 'u:p@', 'a%20b@'),
      fc.constantFrom('', 'h', 'h:80', '[::1]', '[::1]:8', 'h:x', 'a%41'),
      fc.constantFrom('', '/', '/a b', '/p/%2F', 'rel', '/a:b', ':c'),
      fc.constantFrom('', '?', '?q=1', '?a b'),
      fc.constantFrom('', '#', '#f', '#a b', '#%41'),
    )
    .map((p) => ({ t: '{{ $u := urlParse .x }}{{ $u }}|{{ urlJoin $u }}', d: { x: p.join('') } })),
  encodings: str.map((s) => ({
    t: '{{ b64dec .x }}|{{ b32dec .x }}|{{ b64enc .x | b64dec }}|{{ b32enc .x }}',
    d: { x: s },
  })),
  merges: fc.tuple(json, json, fc.boolean()).map(([a, b, o]) => ({
    t: `{{ if and (kindIs "map" .a) (kindIs "map" .b) }}{{ toJson (${o ? 'mergeOverwrite' : 'merge'} (deepCopy .a) .b) }}{{ end }}`,
    d: { a, b },
  })),
  lists: fc.tuple(fc.array(json, { maxLength: 5 }), json).map(([l, x]) => ({
    t: '{{ uniq .l }}|{{ without .l .x }}|{{ has .x .l }}|{{ compact .l }}|{{ sortAlpha .l }}|{{ toStrings .l }}|{{ join "," .l }}|{{ reverse .l }}|{{ first .l }}|{{ last .l }}|{{ rest .l }}|{{ initial .l }}|{{ chunk 2 .l }}|{{ empty .x }}|{{ default "d" .x }}|{{ coalesce .x 1 }}|{{ typeOf .x }}|{{ kindOf .x }}|{{ deepEqual .x .l }}',
    d: { l, x },
  })),
  durations: fc
    .oneof(
      fc.constantFrom(
        '1h',
        '1.5h',
        '-3m',
        '1us',
        '1µs',
        '100ns',
        '0',
        '',
        'x',
        '1h2m3.5s',
        '.5s',
        '1.s',
        '2562047h',
      ),
      fc.integer().map(String),
    )
    .map((s) => ({
      t: '{{ durationRound .x }}|{{ duration .x }}|{{ dateModify .x (toDate "2006" "2020") }}',
      d: { x: s },
    })),
};

test(`sprig fuzz: Maestro agrees with the Go oracle (seed ${seed}, ${perFamily} cases per family)`, () => {
  const cases: { family: string; line: string }[] = [];
  for (const [family, arb] of Object.entries(families)) {
    for (const c of fc.sample(arb, { numRuns: perFamily, seed })) {
      cases.push({
        family,
        line: JSON.stringify({ template: c.t, data: c.d, numbers: c.n ?? 'int' }),
      });
    }
  }
  const want = oracle(cases.map((c) => c.line));
  const engine = sprigEngine();
  const bad: string[] = [];
  cases.forEach((c, i) => {
    const k = decodeCase(c.line);
    const got = engine.tryRender('t', k.template, k.data);
    const w = want[i] as { ok: boolean; out: string; err?: string };
    const same = got.ok === w.ok && (got.ok ? wire(got.out) === w.out : wire(got.err) === w.err);
    if (!same) {
      bad.push(
        `${c.family}: ${c.line}\n  go: ${JSON.stringify(w.ok ? w.out : w.err)}\n  ts: ${JSON.stringify(got.ok ? got.out : got.err)}`,
      );
    }
  });
  assert.equal(bad.length, 0, `seed ${seed}:\n${bad.slice(0, 10).join('\n')}`);
});
