// The sprig golden table: templates and data, one group per function. Expected
// results are not written here: scripts/gen-sprig-golden.mjs runs every case
// through the Go oracle (text/template + sprig 3.2.3) and writes golden.json.
// A case is [template] or [template, data] or [template, data, numbers]; data
// defaults to D below and numbers to 'int' (JSON integers become Go int).

export const D = {
  s: 'hello world',
  e: '',
  n: 3,
  neg: -4,
  z: 0,
  f: 1.5,
  t: true,
  no: false,
  nil: null,
  l: [1, 2, 3],
  ls: ['b', 'a', 'c'],
  le: [],
  mix: [1, 'a', null, 2.5, true, ''],
  m: { a: 1, b: 'x', c: [1, 2], d: { e: 'deep' } },
  me: {},
  u: 'héllo wörld ✓',
  big: 9007199254740992,
};

export const groups = {
  hello: [['{{ hello }}']],
  // ---------------------------------------------------------------- strings
  abbrev: [
    ['{{ abbrev 5 "hello world" }}'],
    ['{{ abbrev 3 "hello world" }}'],
    ['{{ abbrev 20 "hello world" }}'],
    ['{{ abbrev 4 "hello" }}'],
    ['{{ abbrev 5 .u }}'],
    ['{{ abbrev "x" "hello" }}'],
  ],
  abbrevboth: [
    ['{{ abbrevboth 5 10 "1234 5678 9123" }}'],
    ['{{ abbrevboth 0 7 "abcdefghijklmno" }}'],
    ['{{ abbrevboth 1 6 "abcdefghijklmno" }}'],
    ['{{ abbrevboth 10 16 "abcdefghijklmno" }}'],
    ['{{ abbrevboth 0 3 "abcdefghijklmno" }}'],
    ['{{ abbrevboth 4 10 "abcdefghijklmno" }}'],
    ['{{ abbrevboth 12 10 "abcdefghijklmno" }}'],
  ],
  trunc: [
    ['{{ trunc 5 "hello world" }}'],
    ['{{ trunc -5 "hello world" }}'],
    ['{{ trunc 50 "hello world" }}'],
    ['{{ trunc -50 "hello world" }}'],
    ['{{ trunc 0 "hello" }}'],
    ['{{ trunc 2 .u }}'],
    ['{{ "hello" | trunc 3 }}'],
  ],
  trim: [['[{{ trim "  a b \\n\\t" }}]'], ['[{{ trim "\\u00a0x\\u2003" }}]'], ['{{ trim 5 }}']],
  upper: [['{{ upper "abcÿ ß" }}'], ['{{ upper .s }}']],
  lower: [['{{ lower "ABC ÀÉ" }}']],
  title: [['{{ title "hello wORLD-foo_bar o\'neil" }}'], ['{{ title "" }}']],
  untitle: [['{{ untitle "Hello World" }}'], ['{{ untitle "ÉCOLE" }}'], ['{{ untitle "" }}']],
  substr: [
    ['{{ substr 0 5 "hello world" }}'],
    ['{{ substr 3 -1 "hello world" }}'],
    ['{{ substr 3 100 "hello world" }}'],
    ['{{ substr -1 4 "hello world" }}'],
    ['{{ substr 5 2 "hello world" }}'],
    ['{{ substr 0 100 "hi" }}'],
    ['{{ substr -1 100 "hi" }}'],
  ],
  repeat: [
    ['{{ repeat 3 "ab" }}'],
    ['{{ "x" | repeat 0 }}'],
    ['{{ repeat -1 "ab" }}'],
    ['{{ repeat 2 5 }}'],
  ],
  trimall: [['{{ trimall "$" "$$5.00$" }}']],
  trimAll: [['{{ trimAll "$" "$$5.00$" }}'], ['{{ trimAll "ab" "abcba" }}'], ['{{ trimAll "" "x" }}']],
  trimSuffix: [['{{ trimSuffix "-" "hello-" }}'], ['{{ trimSuffix "--" "hello-" }}']],
  trimPrefix: [['{{ trimPrefix "-" "-hello" }}'], ['{{ "--x" | trimPrefix "-" }}']],
  nospace: [['{{ nospace "h e l\\tl\\no" }}'], ['{{ nospace "a\\u00a0b\\u2003c" }}']],
  initials: [
    ['{{ initials "First Try" }}'],
    ['{{ initials "  lower case words  " }}'],
    ['{{ initials "" }}'],
    ['{{ initials "Ébc Ñd" }}'],
  ],
  swapcase: [['{{ swapcase "Hello World 123 ÀÉ" }}'], ['{{ swapcase "" }}']],
  snakecase: [
    ['{{ snakecase "FirstName" }}'],
    ['{{ snakecase "HTTPServer" }}'],
    ['{{ snakecase "already_snake" }}'],
    ['{{ snakecase "some-kebab case" }}'],
    ['{{ snakecase "ID123abc" }}'],
    ['{{ snakecase "a.b:c" }}'],
    ['{{ snakecase "" }}'],
  ],
  camelcase: [
    ['{{ camelcase "http_server" }}'],
    ['{{ camelcase "_a_b_" }}'],
    ['{{ camelcase "some-kebab case" }}'],
    ['{{ camelcase "already Camel" }}'],
    ['{{ camelcase "x__y" }}'],
  ],
  kebabcase: [
    ['{{ kebabcase "FirstName" }}'],
    ['{{ kebabcase "HTTPServer" }}'],
    ['{{ kebabcase "snake_case_name" }}'],
    ['{{ kebabcase "Foo Bar  Baz" }}'],
  ],
  wrap: [
    ['{{ wrap 10 "The quick brown fox jumped over the lazy dog" }}'],
    ['{{ wrap 5 "averyveryverylongword and more" }}'],
    ['{{ wrap 0 "a b c" }}'],
    ['{{ wrap 10 "line one\\nline two is longer than ten" }}'],
  ],
  wrapWith: [
    ['{{ wrapWith 5 "\\t" "Hello World" }}'],
    ['{{ wrapWith 3 "<br>" "averyverylongword ok" }}'],
  ],
  contains: [['{{ contains "cat" "catch" }}'], ['{{ "catch" | contains "dog" }}'], ['{{ contains "" "" }}']],
  hasPrefix: [['{{ hasPrefix "cat" "catch" }}'], ['{{ hasPrefix "x" "catch" }}']],
  hasSuffix: [['{{ hasSuffix "ch" "catch" }}'], ['{{ hasSuffix "x" "catch" }}']],
  quote: [
    ['{{ quote "a\\"b" }}'],
    ['{{ quote 1 2.5 .nil "x" true }}'],
    ['{{ quote }}'],
    ['{{ quote "tab\\there\\n" .u "\\u0007" }}'],
    ['{{ quote .l .m }}'],
    ['{{ .nil | quote }}'],
  ],
  squote: [['{{ squote "a\'b" }}'], ['{{ squote 1 .nil 2.5 .l }}'], ['{{ squote }}']],
  cat: [
    ['{{ cat "a" "b" 1 2.5 }}'],
    ['{{ cat "a" .nil "b" }}'],
    ['{{ cat }}'],
    ['{{ cat .l .m .t }}'],
  ],
  indent: [
    ['{{ indent 2 "a\\nb\\n" }}'],
    ['{{ indent 0 "a" }}'],
    ['{{ indent -1 "a" }}'],
    ['{{ "x\\ny" | indent 4 }}'],
  ],
  nindent: [['{{ nindent 2 "a\\nb" }}'], ['{{ "" | nindent 3 }}']],
  replace: [
    ['{{ replace " " "-" "a b c" }}'],
    ['{{ "aaa" | replace "a" "bb" }}'],
    ['{{ replace "" "-" "abc" }}'],
  ],
  plural: [
    ['{{ plural "one" "many" 1 }}'],
    ['{{ plural "one" "many" 2 }}'],
    ['{{ plural "one" "many" 0 }}'],
    ['{{ plural "one" "many" "1" }}'],
  ],
  // ------------------------------------------------------------ conversion
  toString: [
    ['{{ toString 1 }}|{{ toString 2.5 }}|{{ toString .t }}|{{ toString .nil }}'],
    ['{{ toString .l }}|{{ toString .m }}|{{ toString .le }}|{{ toString .me }}'],
    ['{{ toString 1e21 }}|{{ toString 0.000001 }}|{{ toString 1e-7 }}'],
    ['{{ toString .f }}|{{ toString .big }}', D, 'float64'],
    ['{{ typeOf (toString 3) }}'],
  ],
  atoi: [
    ['{{ atoi "42" }}|{{ atoi "-7" }}|{{ atoi "+3" }}|{{ atoi "x" }}|{{ atoi "1.5" }}|{{ atoi "" }}'],
    ['{{ atoi "010" }}|{{ atoi "0x10" }}'],
    ['{{ atoi 42 }}'],
  ],
  int: [
    ['{{ int "010" }}|{{ int "0x1f" }}|{{ int "0b11" }}|{{ int "0o17" }}|{{ int "1_000" }}'],
    ['{{ int "42" }}|{{ int "-3" }}|{{ int "3.7" }}|{{ int "abc" }}|{{ int "" }}'],
    ['{{ int 3.9 }}|{{ int -3.9 }}|{{ int .t }}|{{ int .no }}|{{ int .nil }}'],
    ['{{ int .l }}|{{ int .m }}'],
    ['{{ int .n }}|{{ int .f }}', D, 'float64'],
    ['{{ typeOf (int 5) }}'],
    ['{{ int "08" }}|{{ int "0" }}|{{ int "-010" }}|{{ int " 1" }}'],
    ['{{ int "9223372036854775807" }}|{{ int "9223372036854775808" }}'],
  ],
  int64: [
    ['{{ int64 "010" }}|{{ int64 "0x1F" }}|{{ int64 "12" }}|{{ int64 2.5 }}|{{ int64 .nil }}'],
    ['{{ typeOf (int64 5) }}|{{ int64 .t }}|{{ int64 "x" }}'],
    ['{{ int64 "0x" }}|{{ int64 "0b" }}|{{ int64 "0_1" }}|{{ int64 "1__0" }}|{{ float64 "0x" }}|{{ float64 "1_0.5" }}'],
    ['{{ float64 "-nan" }}|{{ float64 "+NaN" }}|{{ float64 "NaN" }}|{{ float64 "-Inf" }}|{{ float64 "+infinity" }}'],
    ['{{ int64 .n }}', D, 'float64'],
  ],
  float64: [
    ['{{ float64 "1.5" }}|{{ float64 "1e3" }}|{{ float64 "x" }}|{{ float64 3 }}|{{ float64 .t }}|{{ float64 .nil }}'],
    ['{{ typeOf (float64 5) }}|{{ float64 "0x10" }}|{{ float64 "010" }}|{{ float64 " 1" }}'],
    ['{{ float64 "inf" }}|{{ float64 "NaN" }}|{{ float64 "1_0" }}'],
    ['{{ float64 0.1 }}|{{ float64 100000000000000000000000.0 }}|{{ float64 "1e-7" }}'],
  ],
  toDecimal: [
    ['{{ toDecimal "0777" }}|{{ toDecimal "777" }}|{{ toDecimal 777 }}|{{ toDecimal "8" }}|{{ toDecimal "x" }}'],
    ['{{ toDecimal 1.5 }}|{{ toDecimal .nil }}|{{ toDecimal "-17" }}'],
  ],
  toStrings: [
    ['{{ toStrings .l }}|{{ typeOf (toStrings .l) }}'],
    ['{{ toStrings .mix }}|{{ len (toStrings .mix) }}'],
    ['{{ toStrings "abc" }}|{{ toStrings 5 }}|{{ toStrings .nil }}|{{ len (toStrings .nil) }}'],
    ['{{ toStrings .m }}'],
  ],
  // ------------------------------------------------------------ string lists
  split: [
    ['{{ $a := split "$" "foo$bar$baz" }}{{ $a._0 }}-{{ $a._1 }}-{{ $a._2 }}'],
    ['{{ split "," "a,b" }}'],
    ['{{ split "" "abc" }}'],
    ['{{ split "," "" }}'],
  ],
  splitList: [
    ['{{ splitList "," "a,b,,c" }}|{{ len (splitList "," "a,b,,c") }}'],
    ['{{ splitList "" "añb" }}'],
    ['{{ typeOf (splitList "," "") }}|{{ len (splitList "," "") }}'],
  ],
  splitn: [
    ['{{ splitn "$" 2 "foo$bar$baz" }}'],
    ['{{ splitn "$" 0 "foo$bar$baz" }}|{{ splitn "$" -1 "a$b$c" }}'],
    ['{{ (splitn "," 2 "a,b,c")._1 }}'],
  ],
  join: [
    ['{{ join "-" .l }}|{{ join "," .ls }}|{{ join "," .le }}'],
    ['{{ join "," .mix }}'],
    ['{{ join "," "abc" }}|{{ join "," 3 }}|{{ join "," .nil }}'],
    ['{{ list 1 "a" 2.5 | join "/" }}'],
  ],
  sortAlpha: [
    ['{{ sortAlpha .ls }}|{{ sortAlpha .l }}'],
    ['{{ sortAlpha (list "B" "a" "10" "9" "é" "e") }}'],
    ['{{ sortAlpha "x" }}|{{ sortAlpha 3 }}|{{ sortAlpha .m }}'],
    ['{{ typeOf (sortAlpha .ls) }}'],
  ],
  // ------------------------------------------------------------ math
  until: [
    ['{{ until 5 }}|{{ until 0 }}|{{ until -3 }}'],
    ['{{ range $i, $e := until 3 }}{{ $i }}={{ $e }} {{ end }}'],
    ['{{ typeOf (until 2) }}'],
  ],
  untilStep: [
    ['{{ untilStep 0 10 3 }}|{{ untilStep 10 0 -3 }}|{{ untilStep 0 10 0 }}|{{ untilStep 0 10 -1 }}|{{ untilStep 10 0 1 }}'],
    ['{{ untilStep 3 3 1 }}|{{ untilStep -2 2 1 }}'],
  ],
  seq: [
    ['{{ seq 5 }}|{{ seq -3 }}|{{ seq 0 }}|{{ seq 1 }}'],
    ['{{ seq 2 5 }}|{{ seq 5 2 }}|{{ seq 3 3 }}'],
    ['{{ seq 0 2 10 }}|{{ seq 10 -2 0 }}|{{ seq 10 2 0 }}|{{ seq 0 -2 10 }}|{{ seq 1 0 3 }}'],
    ['[{{ seq }}]|[{{ seq 1 2 3 4 }}]'],
  ],
  add1: [['{{ add1 1 }}|{{ add1 "5" }}|{{ add1 2.9 }}|{{ add1 .nil }}|{{ typeOf (add1 1) }}']],
  add: [
    ['{{ add 1 2 3 }}|{{ add }}|{{ add "1" 2.5 .t }}|{{ add .n .neg }}'],
    ['{{ add 9223372036854775807 1 }}'],
  ],
  sub: [['{{ sub 5 3 }}|{{ sub 3 5 }}|{{ sub "10" 2.5 }}']],
  div: [['{{ div 7 2 }}|{{ div -7 2 }}|{{ div 7.9 2 }}'], ['{{ div 1 0 }}']],
  mod: [['{{ mod 7 3 }}|{{ mod -7 3 }}'], ['{{ mod 1 0 }}']],
  mul: [['{{ mul 2 3 4 }}|{{ mul 5 }}|{{ mul "2" 2.5 }}']],
  add1f: [['{{ add1f 1.5 }}|{{ add1f 1 }}|{{ add1f "0.1" }}|{{ typeOf (add1f 1) }}']],
  addf: [['{{ addf 1.5 2 3 }}|{{ addf 0.1 0.2 }}|{{ addf }}|{{ addf "x" 1 }}']],
  subf: [['{{ subf 1.5 2 3 }}|{{ subf 0.3 0.1 }}|{{ subf 5 }}']],
  divf: [['{{ divf 1 3 }}|{{ divf 10 4 2 }}|{{ divf 2 3 }}'], ['{{ divf 1 0 }}']],
  mulf: [['{{ mulf 1.5 2 3 }}|{{ mulf 0.1 3 }}|{{ mulf 1.1 1.1 }}']],
  biggest: [['{{ biggest 1 5 3 }}|{{ biggest -1 }}']],
  max: [['{{ max 1 5 3 }}|{{ max "7" 2.9 }}|{{ max .neg }}|{{ typeOf (max 1) }}']],
  min: [['{{ min 1 5 -3 }}|{{ min "7" 2.9 }}']],
  maxf: [['{{ maxf 1 5.5 3 }}|{{ maxf "7" 2.9 }}|{{ maxf -1.5 }}|{{ typeOf (maxf 1) }}']],
  minf: [['{{ minf 1 5.5 -3.25 }}|{{ minf "7" 2.9 }}']],
  ceil: [['{{ ceil 1.2 }}|{{ ceil -1.2 }}|{{ ceil "2.5" }}|{{ ceil 3 }}|{{ typeOf (ceil 1) }}']],
  floor: [['{{ floor 1.8 }}|{{ floor -1.2 }}|{{ floor "2.5" }}']],
  round: [
    ['{{ round 123.555555 3 }}|{{ round 123.5555 0 }}|{{ round 1.5 0 }}|{{ round 2.5 0 }}|{{ round -1.5 0 }}'],
    ['{{ round 123.55 1 0.6 }}|{{ round 123.56 1 0.6 }}|{{ round "3.14159" 2 }}|{{ round 1234 -2 }}'],
  ],
  randInt: [
    ['{{ $r := randInt 5 10 }}{{ and (ge $r 5) (lt $r 10) }}|{{ typeOf (randInt 1 2) }}'],
    ['{{ randInt 5 5 }}'],
    ['{{ randInt 3 3 }}'],
  ],
  // ------------------------------------------------------------ defaults
  default: [
    ['{{ default "d" "" }}|{{ default "d" "x" }}|{{ default "d" .nil }}|{{ default "d" 0 }}|{{ default "d" 1 }}'],
    ['{{ default "d" .le }}|{{ default "d" .me }}|{{ default "d" .no }}|{{ default "d" .t }}|{{ default "d" 0.0 }}'],
    ['{{ .e | default "x" }}|{{ .s | default "x" }}|{{ default "d" }}'],
    ['{{ default 5 .missing }}', D],
  ],
  empty: [
    ['{{ empty "" }}|{{ empty "a" }}|{{ empty 0 }}|{{ empty 1 }}|{{ empty .nil }}|{{ empty .le }}|{{ empty .l }}'],
    ['{{ empty .me }}|{{ empty .m }}|{{ empty .no }}|{{ empty .t }}|{{ empty 0.0 }}|{{ empty (list) }}|{{ empty (dict) }}'],
  ],
  coalesce: [
    ['{{ coalesce "" .nil 0 "x" "y" }}|{{ coalesce .le .me 3 }}|{{ coalesce }}|{{ coalesce "" 0 }}'],
  ],
  all: [['{{ all 1 "a" .t }}|{{ all 1 "" }}|{{ all }}']],
  any: [['{{ any 0 "" .nil }}|{{ any 0 "a" }}|{{ any }}']],
  compact: [
    ['{{ compact .mix }}|{{ compact (list "" 0 "x" .nil .no .le) }}|{{ typeOf (compact .le) }}'],
    ['{{ compact "abc" }}'],
  ],
  mustCompact: [['{{ mustCompact .mix }}'], ['{{ mustCompact 5 }}']],
  ternary: [
    ['{{ ternary "yes" "no" true }}|{{ ternary "yes" "no" false }}|{{ true | ternary 1 2 }}'],
    ['{{ ternary "yes" "no" 1 }}'],
    ['{{ ternary "yes" "no" .nil }}'],
  ],
  // ------------------------------------------------------------ json
  toJson: [
    ['{{ toJson .m }}|{{ toJson .l }}|{{ toJson .nil }}|{{ toJson "a<b>&" }}|{{ toJson 1.5 }}'],
    ['{{ toJson .le }}|{{ toJson .me }}|{{ toJson (list) }}|{{ toJson .mix }}|{{ toJson .u }}'],
    ['{{ toJson 1e21 }}|{{ toJson 1e20 }}|{{ toJson 0.000001 }}|{{ toJson 1e-7 }}|{{ toJson .f }}', D, 'float64'],
    ['{{ toJson "\\u2028\\u0001\\t" }}|{{ toJson (dict "b" 1 "a" 2) }}|{{ toJson (until 2) }}'],
    ['{{ toJson (toStrings .nil) }}|{{ toJson (splitList "," "") }}|{{ toJson (rest .le) }}'],
  ],
  toPrettyJson: [
    ['{{ toPrettyJson .m }}'],
    ['{{ toPrettyJson .le }}|{{ toPrettyJson .me }}|{{ toPrettyJson "<x>" }}|{{ toPrettyJson (list (dict)) }}'],
  ],
  toRawJson: [['{{ toRawJson .m }}|{{ toRawJson "a<b>&" }}|{{ toRawJson .nil }}|{{ toRawJson "\\u2028" }}']],
  mustToJson: [['{{ mustToJson .m }}']],
  mustToPrettyJson: [['{{ mustToPrettyJson .l }}']],
  mustToRawJson: [['{{ mustToRawJson (dict "k" "<v>") }}']],
  fromJson: [
    ['{{ (fromJson "{\\"a\\":1,\\"b\\":[true,null]}").a }}|{{ fromJson "[1,2.5]" }}|{{ fromJson "bad" }}|{{ typeOf (fromJson "1") }}'],
    ['{{ fromJson "{\\"b\\":2,\\"a\\":{\\"c\\":\\"x\\"}}" }}|{{ fromJson "null" }}|{{ fromJson "\\"s\\"" }}'],
    ['{{ toJson (fromJson "{\\"n\\":10000000000000000000000}") }}'],
  ],
  mustFromJson: [
    ['{{ mustFromJson "[1]" }}'],
    ['{{ mustFromJson "{bad" }}'],
    ['{{ mustFromJson "" }}'],
    // Go's scanner names the first byte of a non-ASCII character.
    ['{{ mustFromJson "[é]" }}'],
    ['{{ mustFromJson "[😀]" }}'],
    ['{{ mustFromJson "[1,\u0080]" }}'],
  ],
  // ------------------------------------------------------------ yaml
  toYaml: [
    ['{{ toYaml .m }}'],
    ['{{ toYaml .l }}|{{ toYaml .le }}|{{ toYaml .me }}|{{ toYaml .nil }}|{{ toYaml "" }}'],
    ['{{ toYaml "true" }}{{ toYaml "yes" }}{{ toYaml "1" }}{{ toYaml "1.5" }}{{ toYaml "null" }}{{ toYaml "~" }}'],
    ['{{ toYaml "a: b" }}{{ toYaml "- x" }}{{ toYaml " lead" }}{{ toYaml "trail " }}{{ toYaml "#c" }}{{ toYaml "multi\\nline" }}'],
    ['{{ toYaml (dict "z" 1 "a" (list 1 (dict "y" 2 "b" .nil)) "m" (dict)) }}'],
    ['{{ toYaml 1.5 }}{{ toYaml 1e21 }}{{ toYaml 100.0 }}{{ toYaml 0.000001 }}{{ toYaml .t }}', D, 'float64'],
    ['{{ toYaml .mix }}'],
    ['{{ toYaml "on" }}{{ toYaml "Off" }}{{ toYaml "y" }}{{ toYaml "N" }}{{ toYaml "0x1F" }}{{ toYaml "1e3" }}{{ toYaml "012" }}'],
    ['{{ toYaml "@at" }}{{ toYaml "é" }}{{ toYaml "a\\tb" }}{{ toYaml "x\\"y" }}{{ toYaml "\'q" }}{{ toYaml "%p" }}{{ toYaml "*" }}'],
    ['{{ toYaml (list (list 1 2) (list)) }}'],
    ['{{ toYaml (dict "1" "a" "b c" 2 "true" 3 "" 4) }}'],
    ['{{ toYaml (list "a: b" "k:" "-" "?" ":x" "a #b" "a# b" "[x]" "{y}" "!t" "&a" "|" ">") }}'],
    ['{{ toYaml "long text that goes on and on and on and on and on and on and on and on and on and on and on and on and end" }}'],
    ['{{ toYaml "  indented\\nsecond" }}{{ toYaml "trailing\\n" }}{{ toYaml "\\n" }}'],
    ['{{ toYaml (int64 5) }}{{ toYaml (float64 5) }}{{ toYaml -0.5 }}{{ toYaml (semver "1.2.3") }}'],
  ],
  // ------------------------------------------------------------ reflection
  typeOf: [
    ['{{ typeOf 1 }}|{{ typeOf 1.5 }}|{{ typeOf "s" }}|{{ typeOf .t }}|{{ typeOf .nil }}|{{ typeOf .l }}|{{ typeOf .m }}'],
    ['{{ typeOf (list) }}|{{ typeOf (dict) }}|{{ typeOf (splitList "," "a") }}|{{ typeOf (split "," "a") }}|{{ typeOf (semver "1.0.0") }}'],
    ['{{ typeOf .n }}', D, 'float64'],
    ['{{ typeOf (toDate "2006" "2020") }}|{{ typeOf 1i }}|{{ typeOf \'a\' }}|{{ typeOf (chunk 1 .l) }}'],
  ],
  typeIs: [['{{ typeIs "int" 1 }}|{{ typeIs "string" 1 }}|{{ typeIs "[]interface {}" .l }}|{{ typeIs "<nil>" .nil }}']],
  typeIsLike: [['{{ typeIsLike "int" 1 }}|{{ typeIsLike "semver.Version" (semver "1.0.0") }}|{{ typeIsLike "string" 1 }}']],
  kindOf: [
    ['{{ kindOf 1 }}|{{ kindOf 1.5 }}|{{ kindOf "s" }}|{{ kindOf .t }}|{{ kindOf .nil }}|{{ kindOf .l }}|{{ kindOf .m }}'],
    ['{{ kindOf (semver "1.0.0") }}|{{ kindOf (toDate "2006" "2020") }}|{{ kindOf (int64 1) }}|{{ kindOf \'a\' }}|{{ kindOf 1i }}'],
  ],
  kindIs: [['{{ kindIs "int" 1 }}|{{ kindIs "slice" .l }}|{{ kindIs "map" .m }}|{{ kindIs "invalid" .nil }}|{{ kindIs "ptr" .nil }}']],
  deepEqual: [
    ['{{ deepEqual .l .l }}|{{ deepEqual (list 1 2) (list 1 2) }}|{{ deepEqual (list 1) (list 1.0) }}|{{ deepEqual .m .m }}'],
    ['{{ deepEqual 1 (int64 1) }}|{{ deepEqual "a" "a" }}|{{ deepEqual .nil .nil }}|{{ deepEqual .le (list) }}|{{ deepEqual (dict "a" 1) (dict "a" 1) }}'],
    ['{{ deepEqual (until 2) (list 0 1) }}|{{ deepEqual (splitList "," "a") (list "a") }}|{{ deepEqual .me (dict) }}'],
  ],
  // ------------------------------------------------------------ paths (os variants are loaded)
  osBase: [['{{ osBase "/a/b.txt" }}|{{ osBase "" }}|{{ osBase "/" }}|{{ osBase "a/b/" }}']],
  osClean: [['{{ osClean "/a/../b//c/./d" }}|{{ osClean "" }}|{{ osClean "a/.." }}']],
  osDir: [['{{ osDir "/a/b.txt" }}|{{ osDir "b" }}|{{ osDir "/" }}']],
  osExt: [['{{ osExt "a/b.tar.gz" }}|{{ osExt "a.b/c" }}|{{ osExt "x" }}']],
  osIsAbs: [['{{ osIsAbs "/a" }}|{{ osIsAbs "a" }}']],
  // ------------------------------------------------------------ encoding
  b64enc: [['{{ b64enc "hello" }}|{{ b64enc "" }}|{{ b64enc .u }}|{{ b64enc "ab" }}']],
  b64dec: [
    ['{{ b64dec "aGVsbG8=" }}|{{ b64dec "aGVsbG8" }}|{{ b64dec "!!" }}|{{ b64dec "" }}'],
    ['{{ b64dec "aGVsbG8=\\n" }}|{{ b64dec "aGV sbG8=" }}|{{ b64dec "YQ==YQ==" }}'],
  ],
  b32enc: [['{{ b32enc "hello" }}|{{ b32enc "" }}|{{ b32enc .u }}']],
  b32dec: [['{{ b32dec "NBSWY3DP" }}|{{ b32dec "NBSWY3D" }}|{{ b32dec "x" }}|{{ b32dec "NBSWY3DPEE======" }}']],
  // ------------------------------------------------------------ lists
  list: [
    ['{{ list 1 "a" 2.5 .nil .t }}|{{ list }}|{{ len (list 1 2) }}'],
    ['{{ list .l .m }}|{{ index (list 1 2 3) 1 }}'],
  ],
  tuple: [['{{ tuple 1 "a" }}']],
  append: [
    ['{{ append .l 4 }}|{{ append .le "x" }}|{{ .l }}|{{ append (list) .nil }}'],
    ['{{ append "abc" 1 }}'],
    ['{{ append .nil 1 }}'],
    ['{{ $a := list 1 2 }}{{ $b := append $a 3 }}{{ $a }}{{ $b }}'],
  ],
  push: [['{{ push .ls "d" }}'], ['{{ push .m 1 }}']],
  mustAppend: [['{{ mustAppend .l 4 }}'], ['{{ mustAppend 5 1 }}']],
  mustPush: [['{{ mustPush (list) 1 }}'], ['{{ mustPush .m 1 }}']],
  prepend: [['{{ prepend .l 0 }}|{{ prepend .le 0 }}'], ['{{ prepend 3 1 }}']],
  mustPrepend: [['{{ mustPrepend .l 0 }}'], ['{{ mustPrepend "s" 1 }}']],
  first: [['{{ first .l }}|{{ first .le }}|{{ first .ls }}'], ['{{ first "abc" }}']],
  mustFirst: [['{{ mustFirst .l }}|{{ mustFirst .le }}'], ['{{ mustFirst 1 }}']],
  last: [['{{ last .l }}|{{ last .le }}'], ['{{ last .m }}']],
  mustLast: [['{{ mustLast .l }}'], ['{{ mustLast .m }}']],
  rest: [['{{ rest .l }}|{{ rest .le }}|{{ rest (list 1) }}|{{ typeOf (rest .le) }}'], ['{{ rest "ab" }}']],
  mustRest: [['{{ mustRest .l }}'], ['{{ mustRest 1 }}']],
  initial: [['{{ initial .l }}|{{ initial .le }}|{{ initial (list 1) }}'], ['{{ initial .m }}']],
  mustInitial: [['{{ mustInitial .l }}'], ['{{ mustInitial .m }}']],
  reverse: [['{{ reverse .l }}|{{ reverse .le }}|{{ reverse .ls }}'], ['{{ reverse "abc" }}']],
  mustReverse: [['{{ mustReverse .l }}'], ['{{ mustReverse "abc" }}']],
  uniq: [
    ['{{ uniq (list 1 2 1 "1" 2.0 .nil .nil) }}|{{ uniq .le }}'],
    ['{{ uniq (list .l .l (list 1 2 3)) }}|{{ uniq (list (dict "a" 1) (dict "a" 1)) }}'],
    ['{{ uniq 5 }}'],
  ],
  mustUniq: [['{{ mustUniq (list 1 1) }}'], ['{{ mustUniq .m }}']],
  without: [
    ['{{ without .l 2 }}|{{ without .l 1 3 }}|{{ without .l }}|{{ without .ls "a" "z" }}|{{ without .l "1" }}'],
    ['{{ without "abc" "a" }}'],
  ],
  mustWithout: [['{{ mustWithout .l 1 }}'], ['{{ mustWithout 1 1 }}']],
  has: [
    ['{{ has 2 .l }}|{{ has 5 .l }}|{{ has "a" .ls }}|{{ has 1 .nil }}|{{ .l | has 3 }}|{{ has "1" .l }}'],
    ['{{ has 1 "abc" }}'],
  ],
  mustHas: [['{{ mustHas 1 .l }}|{{ mustHas 1 .nil }}'], ['{{ mustHas 1 .m }}']],
  slice: [
    ['{{ slice .l 1 }}|{{ slice .l 1 2 }}|{{ slice .l }}|{{ slice .le }}|{{ slice .l 0 0 }}'],
    ['{{ slice .l 2 1 }}'],
    ['{{ slice .l 0 5 }}'],
    ['{{ slice "abc" 1 }}'],
    ['{{ slice .l "1" "2" }}|{{ typeOf (slice (splitList "," "a,b") 1) }}|{{ slice (splitList "," "a,b,c") 1 }}'],
  ],
  mustSlice: [['{{ mustSlice .l 1 }}'], ['{{ mustSlice 1 1 }}'], ['{{ mustSlice .l 4 }}']],
  concat: [
    ['{{ concat .l .ls (list) }}|{{ concat }}|{{ typeOf (concat) }}|{{ concat .le }}|{{ concat (until 2) (splitList "," "x") }}'],
    ['{{ concat .l 1 }}'],
    ['{{ concat .l .nil }}'],
  ],
  chunk: [
    ['{{ chunk 2 .l }}|{{ chunk 3 .l }}|{{ chunk 5 .l }}|{{ chunk 1 .l }}'],
    ['{{ chunk 2 .le }}'],
    ['{{ chunk 0 .l }}'],
    ['{{ chunk 2 "ab" }}'],
  ],
  mustChunk: [['{{ mustChunk 2 (list 1 2 3 4) }}'], ['{{ mustChunk 2 .m }}']],
  // ------------------------------------------------------------ dicts
  dict: [
    ['{{ dict "a" 1 "b" "x" }}|{{ dict }}|{{ dict "a" }}|{{ dict 1 2 .nil 3 }}|{{ (dict "k" "v").k }}'],
    ['{{ dict "b" 1 "a" 2 "b" 3 }}|{{ dict .t 1 2.5 2 }}'],
  ],
  get: [['{{ get .m "b" }}|{{ get .m "zz" }}|{{ get (dict) "a" }}|{{ get .m "c" }}'], ['{{ get .l "a" }}']],
  set: [
    ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}|{{ set (dict) "k" "v" }}'],
    ['{{ set .l "a" 1 }}'],
  ],
  unset: [['{{ $d := dict "a" 1 "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}|{{ unset (dict) "x" }}']],
  hasKey: [['{{ hasKey .m "a" }}|{{ hasKey .m "z" }}|{{ hasKey .me "a" }}'], ['{{ hasKey .nil "a" }}']],
  pluck: [
    ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}|{{ pluck "a" }}'],
    ['{{ pluck "a" .l }}'],
  ],
  keys: [
    ['{{ keys .m | sortAlpha }}|{{ keys (dict) }}|{{ keys }}|{{ keys (dict "a" 1) (dict "a" 2 "b" 3) | sortAlpha }}'],
    ['{{ keys (dict "only" 1) }}|{{ typeOf (keys) }}'],
  ],
  pick: [['{{ pick .m "a" "d" "zz" }}|{{ pick .m }}'], ['{{ pick .m 1 }}']],
  omit: [['{{ omit .m "a" "d" }}|{{ omit .m }}|{{ omit .me "a" }}']],
  merge: [
    ['{{ merge (dict "a" 1 "b" (dict "x" 1)) (dict "a" 2 "c" 3 "b" (dict "y" 2)) }}'],
    ['{{ $d := dict "a" "" }}{{ $_ := merge $d (dict "a" "z") }}{{ $d }}|{{ merge (dict "a" 0) (dict "a" 5) (dict "a" 6) }}'],
    ['{{ merge (dict "a" (list 1)) (dict "a" (list 2 3)) }}|{{ merge (dict "a" .nil) (dict "a" 1) }}|{{ merge (dict) }}'],
    ['{{ merge (dict "a" "x") (dict "a" (dict "b" 1)) }}|{{ merge (dict "a" (dict "b" 1)) (dict "a" "x") }}'],
    ['{{ merge (dict "a" .no) (dict "a" true) }}|{{ merge (dict "a" (dict)) (dict "a" (dict "b" 1)) }}'],
  ],
  mergeOverwrite: [
    ['{{ mergeOverwrite (dict "a" 1 "b" (dict "x" 1 "z" 0)) (dict "a" 2 "c" 3 "b" (dict "y" 2 "z" 9)) }}'],
    ['{{ mergeOverwrite (dict "a" 1) (dict "a" "") }}|{{ mergeOverwrite (dict "a" 1) (dict "a" .nil) }}|{{ mergeOverwrite (dict "a" 1) (dict "a" 0) }}'],
    ['{{ mergeOverwrite (dict "a" (list 1)) (dict "a" (list 2 3)) }}|{{ mergeOverwrite (dict "a" "x") (dict "a" (dict "b" 1)) }}'],
    ['{{ mergeOverwrite (dict "a" (dict "b" 1)) (dict "a" "x") }}|{{ mergeOverwrite (dict "a" (list 1)) (dict "a" (list)) }}'],
    ['{{ mergeOverwrite (dict "a" 1) (dict "a" 2) (dict "a" 3) }}'],
  ],
  mustMerge: [['{{ mustMerge (dict "a" 1) (dict "b" 2) }}']],
  mustMergeOverwrite: [['{{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) }}']],
  values: [['{{ values (dict "a" 1) }}|{{ values (dict) }}|{{ values .m | len }}|{{ typeOf (values .me) }}']],
  deepCopy: [
    ['{{ $c := deepCopy .m }}{{ $_ := set $c "a" 99 }}{{ $c.a }}|{{ .m.a }}|{{ deepCopy .l }}|{{ deepCopy .nil }}|{{ deepCopy 5 }}'],
    ['{{ typeOf (deepCopy (splitList "," "a")) }}|{{ deepCopy (dict) }}'],
  ],
  mustDeepCopy: [['{{ mustDeepCopy .m }}|{{ mustDeepCopy "x" }}']],
  dig: [
    ['{{ dig "d" "e" "def" .m }}|{{ dig "d" "zz" "def" .m }}|{{ dig "zz" "def" .m }}|{{ dig "a" "def" .m }}'],
    ['{{ dig "a" "b" "def" .m }}'],
    ['{{ dig "a" .m }}'],
    ['{{ dig 1 "def" .m }}'],
    ['{{ dig "a" "def" .l }}'],
  ],
  // ------------------------------------------------------------ crypto (deterministic parts)
  sha1sum: [['{{ sha1sum "hello" }}|{{ sha1sum "" }}|{{ sha1sum .u }}']],
  sha256sum: [['{{ sha256sum "hello" }}|{{ sha256sum "" }}|{{ sha256sum .u }}']],
  adler32sum: [['{{ adler32sum "hello" }}|{{ adler32sum "" }}|{{ adler32sum .u }}|{{ adler32sum (repeat 6000 "\\xff") }}']],
  derivePassword: [
    ['{{ derivePassword 1 "long" "password" "user" "example.com" }}'],
    ['{{ derivePassword 2 "maximum" "pw" "u" "site" }}|{{ derivePassword 1 "pin" "pw" "u" "site" }}|{{ derivePassword 1 "basic" "pw" "u" "s" }}'],
    ['{{ derivePassword 1 "medium" "pw" "ü" "s" }}|{{ derivePassword 1 "short" "pw" "u" "s" }}|{{ derivePassword 1 "nope" "pw" "u" "s" }}'],
  ],
  decryptAES: [
    ['{{ decryptAES "secretkey" (encryptAES "secretkey" "plaintext") }}|{{ decryptAES "k" "" }}'],
    ['{{ decryptAES "k" "!!" }}'],
    ['{{ decryptAES "0123456789abcdef0123456789abcdefXX" "AAAAAAAAAAAAAAAAAAAAAMfVkH/w/mE0d7MahYYmrH0=" }}'],
  ],
  encryptAES: [['{{ len (encryptAES "k" "hello") }}|{{ encryptAES "k" "" }}|{{ len (encryptAES "k" "0123456789abcdef") }}']],
  bcrypt: [['{{ len (bcrypt "pw") }}|{{ substr 0 7 (bcrypt "pw") }}']],
  htpasswd: [['{{ htpasswd "a:b" "pw" }}|{{ substr 0 9 (htpasswd "user" "pw") }}|{{ len (htpasswd "user" "pw") }}']],
  randBytes: [['{{ len (randBytes 12) }}|{{ len (b64dec (randBytes 7)) }}|{{ randBytes 0 }}']],
  uuidv4: [['{{ len uuidv4 }}|{{ regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4 }}']],
  randAlphaNum: [['{{ len (randAlphaNum 10) }}|{{ regexMatch "^[a-zA-Z0-9]{20}$" (randAlphaNum 20) }}|[{{ randAlphaNum 0 }}]']],
  randAlpha: [['{{ regexMatch "^[a-zA-Z]{20}$" (randAlpha 20) }}']],
  randNumeric: [['{{ regexMatch "^[0-9]{20}$" (randNumeric 20) }}']],
  randAscii: [['{{ regexMatch "^[ -~]{20}$" (randAscii 20) }}']],
  shuffle: [['{{ len (shuffle "hello") }}|{{ shuffle "" }}|{{ shuffle "a" }}|{{ sortAlpha (splitList "" (shuffle "cba")) }}']],
  genPrivateKey: [
    ['{{ genPrivateKey "foo" }}'],
    ['{{ hasPrefix "-----BEGIN EC PRIVATE KEY-----\\n" (genPrivateKey "ecdsa") }}|{{ hasPrefix "-----BEGIN PRIVATE KEY-----" (genPrivateKey "ed25519") }}'],
  ],
  genCA: [['{{ $ca := genCA "foo" 365 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $ca.Cert }}|{{ hasPrefix "-----BEGIN RSA PRIVATE KEY-----" $ca.Key }}']],
  genSelfSignedCert: [
    ['{{ $c := genSelfSignedCert "foo" (list "10.0.0.1") (list "a.b") 3 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }}'],
    ['{{ genSelfSignedCert "foo" (list "notanip") (list) 3 }}'],
    ['{{ genSelfSignedCert "foo" (list 5) (list) 3 }}'],
    ['{{ genSelfSignedCert "foo" (list) (list 5) 3 }}'],
  ],
  genSignedCert: [
    ['{{ $ca := genCA "ca" 1 }}{{ $c := genSignedCert "foo" (list) (list "x.y") 3 $ca }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }}'],
    ['{{ genSignedCert "foo" (list) (list) 3 (dict) }}'],
  ],
  genCAWithKey: [['{{ genCAWithKey "foo" 1 "notakey" }}'], ['{{ $c := genCAWithKey "foo" 1 (genPrivateKey "ecdsa") }}{{ hasPrefix "-----BEGIN EC" $c.Key }}']],
  genSelfSignedCertWithKey: [['{{ genSelfSignedCertWithKey "foo" (list) (list) 1 "-----BEGIN FOO-----\\nAAAA\\n-----END FOO-----\\n" }}']],
  genSignedCertWithKey: [['{{ $ca := genCA "ca" 1 }}{{ genSignedCertWithKey "foo" (list) (list) 1 $ca "x" }}']],
  buildCustomCert: [
    ['{{ buildCustomCert "!!" "x" }}'],
    ['{{ buildCustomCert "aGVsbG8=" "!!" }}'],
    ['{{ buildCustomCert "aGVsbG8=" "aGVsbG8=" }}'],
    ['{{ $ca := genCA "x" 1 }}{{ $b := buildCustomCert (b64enc $ca.Cert) (b64enc $ca.Key) }}{{ eq $b.Cert $ca.Cert }}'],
  ],
  // ------------------------------------------------------------ semver
  semver: [
    ['{{ semver "1.2.3" }}|{{ (semver "1.2.3-beta.1+build").Prerelease }}|{{ (semver "v1.2.3").Original }}|{{ (semver "1.2").Minor }}'],
    ['{{ (semver "1.2.3").Major }}|{{ (semver "1.2.3").Patch }}|{{ (semver "1.2.3+meta").Metadata }}|{{ semver "v1" }}'],
    ['{{ semver "x.y" }}'],
    ['{{ (semver "1.2.3").Compare (semver "1.3.0") }}|{{ (semver "1.2.3").LessThan (semver "1.3.0") }}|{{ (semver "2.0.0").GreaterThan (semver "1.3.0") }}|{{ (semver "1.0").Equal (semver "1.0.0") }}'],
    ['{{ (semver "1.2.3").IncMinor }}|{{ (semver "1.2.3-a").IncPatch }}|{{ (semver "1.2.3").IncMajor }}'],
    ['{{ semver "1.2.3.4" }}'],
    ['{{ semver "01.2.3" }}|{{ semver "1.2.3-01" }}'],
    ['{{ semver "" }}'],
  ],
  semverCompare: [
    ['{{ semverCompare "^1.2.0" "1.2.3" }}|{{ semverCompare "^1.2.0" "2.0.0" }}|{{ semverCompare "~1.2.0" "1.2.9" }}|{{ semverCompare "~1.2.0" "1.3.0" }}'],
    ['{{ semverCompare ">=1.0, <2.0" "1.5.0" }}|{{ semverCompare ">1.0 || <0.5" "0.4.0" }}|{{ semverCompare "1.2.x" "1.2.7" }}|{{ semverCompare "*" "9.9.9" }}'],
    ['{{ semverCompare ">=1.2.0" "1.3.0-beta" }}|{{ semverCompare ">=1.2.0-0" "1.3.0-beta" }}|{{ semverCompare "1.2.3 - 1.4.5" "1.4.0" }}|{{ semverCompare "!=1.2.3" "1.2.3" }}'],
    ['{{ semverCompare "^0.2.3" "0.2.9" }}|{{ semverCompare "^0.2.3" "0.3.0" }}|{{ semverCompare "^0.0.3" "0.0.4" }}|{{ semverCompare "~1" "1.9.0" }}|{{ semverCompare "=1.2" "1.2.0" }}'],
    ['{{ semverCompare "bad constraint" "1.0.0" }}'],
    ['{{ semverCompare ">1.0" "bad" }}'],
    ['{{ semverCompare ">= 1.19.0-0" "v1.20.4-gke.2200" }}|{{ semverCompare "<1.16" "1.15.12-eks" }}|{{ semverCompare "~1.2.3-beta" "1.2.3-beta.2" }}'],
    ['{{ semverCompare "^1.x" "1.5.0" }}|{{ semverCompare "~> 1.2" "1.2.5" }}|{{ semverCompare "<=1.2.3" "1.2.3" }}|{{ semverCompare ">1.2.3" "1.2.3" }}|{{ semverCompare "< 2" "1.99.0" }}'],
  ],
  // ------------------------------------------------------------ flow
  fail: [['a{{ fail "boom" }}b'], ['{{ if false }}{{ fail "no" }}{{ end }}ok']],
  // ------------------------------------------------------------ regex
  regexMatch: [
    ['{{ regexMatch "^[a-z]+@[a-z]+\\\\.com$" "test@acme.com" }}|{{ regexMatch "x" "abc" }}|{{ regexMatch "(?i)ABC" "abc" }}|{{ regexMatch "[" "x" }}'],
    ['{{ regexMatch "\\\\pL+" "é" }}|{{ regexMatch "^\\\\d+$" "١٢" }}|{{ regexMatch "\\\\bfoo\\\\b" "a foo b" }}|{{ regexMatch "^.$" "✓" }}'],
  ],
  mustRegexMatch: [['{{ mustRegexMatch "a+" "caat" }}'], ['{{ mustRegexMatch "(" "x" }}'], ['{{ mustRegexMatch "a(?=b)" "ab" }}']],
  regexFindAll: [
    ['{{ regexFindAll "[2,4,6,8]" "123456789" -1 }}|{{ regexFindAll "[2,4,6,8]" "123456789" 2 }}|{{ regexFindAll "x" "abc" -1 }}|{{ regexFindAll "a*" "baaab" -1 }}'],
    ['{{ regexFindAll "[" "x" 1 }}'],
    ['{{ regexFindAll "" "añb" -1 }}|{{ regexFindAll "a" "aaa" 0 }}|{{ typeOf (regexFindAll "x" "y" -1) }}'],
  ],
  mustRegexFindAll: [['{{ mustRegexFindAll "a." "abacad" -1 }}'], ['{{ mustRegexFindAll "*" "x" -1 }}']],
  regexFind: [['{{ regexFind "[a-zA-Z][1-9]" "abcd1234" }}|[{{ regexFind "x" "abc" }}]'], ['{{ regexFind "(" "x" }}']],
  mustRegexFind: [['{{ mustRegexFind "b+" "abbbc" }}'], ['{{ mustRegexFind "\\\\" "x" }}']],
  regexReplaceAll: [
    ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "(?P<n>b)" "abc" "[$n]" }}'],
    ['{{ regexReplaceAll "" "abc" "-" }}|{{ regexReplaceAll "a*" "baaac" "-" }}|{{ regexReplaceAll "(a)" "aa" "$$1" }}|{{ regexReplaceAll "(a)" "aa" "$2x" }}'],
    ['{{ regexReplaceAll "[" "x" "y" }}'],
    ['{{ regexReplaceAll "\\\\s+" "a  b \\t c" " " }}|{{ regexReplaceAll "(?m)^x" "x\\nx" "y" }}|{{ regexReplaceAll "(?s)a.b" "a\\nb" "z" }}'],
  ],
  mustRegexReplaceAll: [['{{ mustRegexReplaceAll "o" "foo" "0" }}'], ['{{ mustRegexReplaceAll "(" "x" "y" }}']],
  regexReplaceAllLiteral: [['{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}'], ['{{ regexReplaceAllLiteral ")" "x" "y" }}']],
  mustRegexReplaceAllLiteral: [['{{ mustRegexReplaceAllLiteral "a" "aa" "$1" }}'], ['{{ mustRegexReplaceAllLiteral "[[" "x" "y" }}']],
  regexSplit: [
    ['{{ regexSplit "z+" "pizza" -1 }}|{{ regexSplit "z+" "pizza" 1 }}|{{ regexSplit "z+" "pizza" 0 }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "a" "" -1 }}'],
    ['{{ regexSplit "," "a,b,c" 2 }}|{{ len (regexSplit "x*" "axbxxc" -1) }}|{{ regexSplit "x*" "axbxxc" -1 }}'],
    ['{{ regexSplit "(" "x" 1 }}'],
  ],
  mustRegexSplit: [['{{ mustRegexSplit "," "a,b" -1 }}'], ['{{ mustRegexSplit "+" "a" -1 }}']],
  regexQuoteMeta: [['{{ regexQuoteMeta "1.2.3[a]*+?()|{}^$\\\\" }}|{{ regexQuoteMeta "" }}']],
  // ------------------------------------------------------------ urls
  urlParse: [
    ['{{ $u := urlParse "https://user:pw@host.com:8080/p/a?q=1&r=2#frag" }}{{ $u.scheme }}|{{ $u.host }}|{{ $u.hostname }}|{{ $u.path }}|{{ $u.query }}|{{ $u.fragment }}|{{ $u.userinfo }}|{{ $u.opaque }}'],
    ['{{ urlParse "mailto:a@b.c" }}'],
    ['{{ urlParse "/rel/path?x" }}'],
    ['{{ urlParse "http://[::1]:80/%41%2F" }}'],
    ['{{ urlParse "://bad" }}'],
    ['{{ urlParse "http://a b.com/" }}'],
  ],
  urlJoin: [
    ['{{ urlJoin (dict "scheme" "https" "host" "h.com" "path" "/a b" "query" "x=1" "fragment" "f g") }}'],
    ['{{ urlJoin (dict "scheme" "mailto" "opaque" "a@b") }}|{{ urlJoin (dict "path" "a:b") }}|{{ urlJoin (dict) }}'],
    ['{{ urlJoin (dict "scheme" "http" "host" "h" "userinfo" "u:p") }}|{{ urlJoin (dict "host" "h" "path" "p") }}'],
    ['{{ urlJoin (dict "host" 5) }}'],
    ['{{ urlJoin (urlParse "https://u@x.y/a/../b?c#d") }}'],
  ],
  // ------------------------------------------------------------ dates (fixed instants; TZ=UTC)
  date: [
    ['{{ date "2006-01-02 15:04:05 MST Mon Jan" 1600000000 }}|{{ date "Jan _2 3:4:5 PM .000 Z07:00" 0 }}'],
    ['{{ date "2006-01-02" (toDate "2006-01-02" "2021-03-04") }}|{{ date "02/01/06 15h" (int64 86400) }}'],
    ['{{ date "Monday January 2 -0700 -07 Z0700 .999 ,000 05.9" 1600000000 }}'],
  ],
  dateInZone: [
    ['{{ dateInZone "2006-01-02 15:04 MST" 1600000000 "UTC" }}|{{ dateInZone "15:04 MST -07:00" 1600000000 "Asia/Tokyo" }}|{{ dateInZone "15:04 MST" 1600000000 "Nope/Zone" }}'],
    ['{{ dateInZone "2006-01-02 15:04 MST" 1600000000 "America/New_York" }}|{{ dateInZone "15:04 MST" 1580000000 "Europe/Paris" }}'],
  ],
  date_in_zone: [['{{ date_in_zone "2006-01-02" 0 "UTC" }}']],
  htmlDate: [['{{ htmlDate 1600000000 }}']],
  htmlDateInZone: [['{{ htmlDateInZone 1600000000 "Asia/Kolkata" }}']],
  toDate: [
    ['{{ toDate "2006-01-02" "2017-12-31" }}|{{ toDate "2006-01-02" "bad" }}|{{ (toDate "2006-01-02T15:04:05Z07:00" "2020-01-02T03:04:05+02:00").UTC }}'],
    ['{{ toDate "2006-01-02 15:04:05.000" "2020-01-02 03:04:05.123" }}|{{ (toDate "2006-01-02" "2017-12-31").Year }}|{{ toDate "Jan 2 06" "Feb 3 21" }}'],
  ],
  mustToDate: [['{{ mustToDate "2006-01-02" "2017-12-31" }}'], ['{{ mustToDate "2006-01-02" "x" }}'], ['{{ mustToDate "2006-01-02" "2017-13-01" }}']],
  dateModify: [
    ['{{ dateModify "1h30m" (toDate "2006-01-02" "2020-01-01") }}|{{ dateModify "-1.5h" (toDate "2006-01-02" "2020-01-01") }}|{{ dateModify "bad" (toDate "2006-01-02" "2020-01-01") }}'],
  ],
  date_modify: [['{{ date_modify "24h" (toDate "2006-01-02" "2020-01-01") }}']],
  mustDateModify: [['{{ mustDateModify "1us" (toDate "2006-01-02" "2020-01-01") }}'], ['{{ mustDateModify "1x" (toDate "2006-01-02" "2020-01-01") }}']],
  must_date_modify: [['{{ must_date_modify "1ms" (toDate "2006-01-02" "2020-01-01") }}']],
  unixEpoch: [['{{ unixEpoch (toDate "2006-01-02" "2020-01-01") }}|{{ unixEpoch (toDate "2006" "1960") }}']],
  duration: [
    ['{{ duration 95 }}|{{ duration "3661" }}|{{ duration (int64 0) }}|{{ duration "x" }}|{{ duration 1.5 }}|{{ duration (int64 90061) }}'],
    ['{{ duration (int64 -1) }}|{{ duration "86400000" }}'],
  ],
  durationRound: [
    ['{{ durationRound "2h10m5s" }}|{{ durationRound "400h" }}|{{ durationRound "9000h" }}|{{ durationRound "-3s" }}|{{ durationRound "1s" }}|{{ durationRound "x" }}'],
    ['{{ durationRound (int64 3600000000000) }}|{{ durationRound 5 }}|{{ durationRound "61s" }}|{{ durationRound "750ms" }}'],
  ],
  now: [['{{ typeOf now }}|{{ kindOf now }}|{{ gt (now.Year) 2000 }}']],
  ago: [['{{ typeOf (ago 0) }}|{{ regexMatch "^[0-9hms]+$" (ago 0) }}']],
};

// Regression cases: disagreements the sprig fuzzer (test/template/sprig-fuzz.test.ts) found.
const regressions = {
  atoi: [['{{ atoi "9223372036854775808" }}|{{ atoi "-9223372036854775809" }}']],
  regexFindAll: [
    ['{{ regexFindAll "^*" "ab\\nc" -1 }}|{{ regexFindAll "$*x?" "xax" -1 }}|{{ regexFindAll "\\\\b+a" "a ba" -1 }}'],
    ['{{ regexFindAll "x*?{2}" "x" -1 }}'],
    ['{{ regexFindAll "x*?*b" "x" -1 }}'],
    ['{{ regexFindAll "(?:*" "x" -1 }}'],
    ['{{ regexFindAll "a**?" "x" -1 }}'],
    ['{{ regexFindAll "*?" "x" -1 }}'],
  ],
  toYaml: [
    ['{{ toYaml (dict " ZZ\\u2028" 1 "a\\u2029b" 2 "c\\rd" 3) }}'],
    ['{{ toYaml (dict (repeat 130 "k") 1 (repeat 128 "j") 2) }}'],
    ['{{ toYaml (list (dict "\\n" "x" "a" (list "\\u2028"))) }}'],
  ],
  abbrevboth: [['{{ abbrevboth 5 13 "0,@>✓&/,\\u00a0😀" }}|{{ abbrevboth 5 10 "ab✓cdefghijklmnop" }}']],
  trunc: [['{{ trunc 2 "😀x" }}|{{ trunc -3 "x😀" }}|{{ substr 1 3 "😀" }}']],
  dateInZone: [
    ['{{ dateInZone "2006-01-02 MST" -1970084414 "Australia/Sydney" }}|{{ dateInZone "MST" -5 "Europe/Paris" }}|{{ dateInZone "MST -0700" -711105553 "America/Los_Angeles" }}'],
  ],
};
for (const [fn, list] of Object.entries(regressions)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Nil maps and lists: Go passes a nil map for `nil` or a missing value.
const nils = {
  keys: [['{{ keys nil }}|{{ keys (dict "a" 1) nil }}'], ['{{ keys .missing }}', D]],
  get: [['{{ get nil "a" }}']],
  set: [['{{ set nil "a" 1 }}']],
  unset: [['{{ unset nil "a" }}|{{ toJson (unset nil "a") }}']],
  hasKey: [['{{ hasKey nil "a" }}']],
  pick: [['{{ pick nil "a" }}|{{ omit nil "a" }}|{{ values nil }}|{{ pluck "a" nil (dict "a" 1) }}']],
  merge: [['{{ merge nil (dict "a" 1) }}|{{ mergeOverwrite (dict "b" 2) nil }}|{{ toJson (merge nil nil) }}|{{ toJson (merge nil (dict)) }}']],
  urlJoin: [['{{ urlJoin nil }}']],
  dig: [['{{ dig "a" "d" nil }}'], ['{{ dig nil "d" (dict) }}']],
  genSelfSignedCert: [['{{ genSelfSignedCert "x" nil nil 1 | typeOf }}']],
  first: [['{{ toStrings nil }}|{{ join "," nil }}|{{ has 1 nil }}|{{ first nil }}']],
};
for (const [fn, list] of Object.entries(nils)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Methods of the values sprig returns (time.Time, *semver.Version, certificates),
// and KUDO's default number mode (JSON numbers are float64).
const T = '(toDate "2006-01-02T15:04:05.000Z07:00" "2021-03-04T05:06:07.089+02:00")';
const methods = {
  toDate: [
    [`{{ ${T}.Format "Mon Jan 2 15:04:05 MST 2006" }}|{{ ${T}.Unix }}|{{ ${T}.UnixNano }}|{{ ${T}.Year }}|{{ ${T}.Month }}|{{ ${T}.Day }}`],
    [`{{ ${T}.Weekday }}|{{ ${T}.YearDay }}|{{ ${T}.Hour }}|{{ ${T}.Minute }}|{{ ${T}.Second }}|{{ ${T}.Nanosecond }}|{{ ${T}.UTC }}|{{ ${T}.IsZero }}`],
    [`{{ ${T}.String }}|{{ ${T} }}|{{ printf "%T %T" ${T}.Month ${T}.Weekday }}|{{ ${T}.UTC.Format "15:04 MST" }}`],
    [`{{ (${T}.AddDate 0 1 30).Format "2006-01-02" }}|{{ (${T}.AddDate -1 -3 0).Format "2006-01-02" }}|{{ ${T}.Before (toDate "2006" "2022") }}|{{ ${T}.After (toDate "2006" "2022") }}`],
    [`{{ (toDate "2006-01-02" "2021-03-05").Sub ${T} }}|{{ ${T}.Equal ${T} }}|{{ toJson ${T} }}|{{ toYaml ${T} }}`],
    ['{{ toDate "02 Jan 06 15:04 MST" "04 Mar 21 05:06 PST" }}|{{ toDate "Jan _2 2006" "Mar  4 2021" }}|{{ toDate "2006-002" "2020-060" }}'],
    ['{{ toDate "3:04PM" "5:06AM" }}|{{ toDate "2006-01-02 15:04:05.999" "2021-03-04 05:06:07.5" }}|{{ toDate "2006-01-02 15:04:05" "2021-03-04 05:06:07.123456" }}'],
    ['{{ toDate "2006-01-02T15:04:05Z07:00" "2021-03-04T05:06:07-07:30" }}|{{ toDate "Monday, 02-Jan-06" "Thursday, 04-Mar-21" }}'],
  ],
  mustToDate: [
    ['{{ mustToDate "2006-01-02" "2021-02-30" }}'],
    ['{{ mustToDate "15:04" "25:00" }}'],
    ['{{ mustToDate "2006-01-02" "2021-03-04 extra" }}'],
    ['{{ mustToDate "Jan 2" "Foo 2" }}'],
  ],
  semver: [
    ['{{ (semver "v1.2.3-rc.1+b").IncPatch }}|{{ ((semver "v1.2.3").IncMajor).Original }}|{{ typeOf (semver "1.2.3").IncMinor }}|{{ kindOf (semver "1.2.3").IncMinor }}'],
    ['{{ $v := semver "1.2.3" }}{{ ($v.SetPrerelease "beta.2").String }}|{{ ($v.SetMetadata "m.1").String }}|{{ toJson (list $v) }}|{{ list $v }}'],
    ['{{ (semver "1.2.3").SetPrerelease "01" }}'],
    ['{{ (semver "1.0.0-alpha").Compare (semver "1.0.0-alpha.1") }}|{{ (semver "1.0.0-alpha.beta").Compare (semver "1.0.0-beta") }}|{{ (semver "1.0.0-2").Compare (semver "1.0.0-11") }}|{{ (semver "1.0.0-rc.1").Compare (semver "1.0.0") }}'],
  ],
  genCA: [['{{ $ca := genCA "x" 1 }}{{ typeOf $ca }}|{{ kindOf $ca }}|{{ len $ca.Cert | lt 100 }}|{{ keys (fromJson (toJson $ca)) | sortAlpha }}|{{ substr 0 6 (toYaml $ca) }}']],
  add: [
    ['{{ add .n 1 }}|{{ add .f 1 }}|{{ mul .n .n }}|{{ div .n 2 }}|{{ max .n 10 }}|{{ int .f }}|{{ float64 .n }}', D, 'float64'],
    ['{{ has 2 .l }}|{{ has 2.0 .l }}|{{ has (float64 2) .l }}|{{ without .l 1 }}|{{ uniq (list 1 1.0) }}', D, 'float64'],
    ['{{ until .n }}', D, 'float64'],
    ['{{ repeat .n "x" }}', D, 'float64'],
    ['{{ toJson .l }}|{{ toYaml .m }}|{{ typeOf .n }}|{{ toString .n }}|{{ quote .f }}|{{ cat .n .f }}|{{ .big }}|{{ toString .big }}', D, 'float64'],
    ['{{ semverCompare ">=1.2" (printf "%v.%v.0" .n .n) }}|{{ int (toString .n) }}|{{ atoi (toString .n) }}', D, 'float64'],
  ],
};
for (const [fn, list] of Object.entries(methods)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Typed slices and maps ([]string from splitList, []int from until,
// map[string]string from split) through the generic functions.
const typed = {
  first: [['{{ first (splitList "," "a,b") }}|{{ last (until 3) }}|{{ typeOf (first (until 3)) }}|{{ rest (splitList "," "a,b") }}|{{ typeOf (rest (until 3)) }}']],
  has: [['{{ has "a" (splitList "," "a,b") }}|{{ has 1 (until 3) }}|{{ has (int64 1) (until 3) }}|{{ has 1.0 (until 3) }}']],
  uniq: [['{{ uniq (splitList "," "a,b,a") }}|{{ typeOf (uniq (until 2)) }}|{{ without (until 4) 1 2 }}|{{ compact (splitList "," "a,,b") }}']],
  toJson: [['{{ toJson (split "," "b,a") }}|{{ toJson (until 3) }}|{{ toJson (splitList "," "x") }}|{{ toJson (list (until 0)) }}']],
  toYaml: [['{{ toYaml (split "," "b,a") }}{{ toYaml (until 3) }}{{ toYaml (until 0) }}{{ toYaml (dict "k" (splitList "," "a,b")) }}']],
  merge: [['{{ merge (dict "a" 1) (split "," "x") }}'], ['{{ merge (dict "a" (dict "b" 1)) (dict "a" (split "," "x,y")) }}']],
  pluck: [['{{ pluck "_0" (split "," "x") }}']],
  get: [['{{ get (split "," "x") "_0" }}']],
  len: [['{{ len (split "," "a,b,c") }}|{{ index (split "," "a,b") "_1" }}|{{ range $k, $v := split "," "a,b" }}{{ $k }}={{ $v }};{{ end }}']],
  slice: [['{{ slice (until 5) 1 3 }}|{{ typeOf (slice (until 5) 1 3) }}|{{ slice (splitList "," "a,b,c") 2 }}']],
  concat: [['{{ concat (until 2) (splitList "," "a") (list 1.5) }}|{{ typeOf (concat (until 2)) }}']],
  sortAlpha: [['{{ sortAlpha (until 12) }}|{{ sortAlpha (split "," "b,a") }}']],
  join: [['{{ join "-" (until 3) }}|{{ join "-" (split "," "b,a") }}']],
  deepEqual: [['{{ deepEqual (until 2) (until 2) }}|{{ deepEqual (splitList "," "a") (splitList "," "a") }}|{{ deepEqual (split "," "a") (dict "_0" "a") }}']],
};
for (const [fn, list] of Object.entries(typed)) groups[fn] = [...(groups[fn] ?? []), ...list];

// RE2 features the linear-time engine (src/template/sprig/re2.ts) implements.
const re2 = {
  regexFindAll: [
    ['{{ regexFindAll "(?i)straße|K" "STRASSE Straße k \\u212a" -1 }}|{{ regexFindAll "a(?i)b" "aB AB ab" -1 }}|{{ regexFindAll "a(?i:b)c" "aBc aBC" -1 }}|{{ regexFindAll "(?U)a+" "aaa" -1 }}|{{ regexFindAll "(?U)a+?" "aaa" -1 }}'],
    ['{{ regexFindAll "[[:^alpha:]]+" "ab12cd!!" -1 }}|{{ regexFindAll "(?i)[^a-c]" "ABCDabcd" -1 }}|{{ regexFindAll "(?s)a.b" "a\\nb" -1 }}|{{ regexFindAll "\\\\Qa.b\\\\E+" "a.bbb a.b" -1 }}'],
    ['{{ regexFindAll "(?i)σ" "Σσς" -1 }}|{{ regexFindAll "(a|ab)(c|bcd)(d*)" "abcd" -1 }}|{{ regexFindAll "(?m)^\\\\w+$" "ab\\ncd\\r\\nef" -1 }}|{{ regexFindAll "[\\\\d\\\\s]+" "a1 2b" -1 }}|{{ regexFindAll "\\\\p{Greek}+" "abc αβγ" -1 }}'],
    ['{{ regexFindAll "(?z)" "x" -1 }}'],
    ['{{ regexFindAll "(?i-)" "x" -1 }}'],
    ['{{ regexFindAll "(?P<>a)" "x" -1 }}'],
    ['{{ regexFindAll "(?P<n" "x" -1 }}'],
    ['{{ regexFindAll "[[:foo:]]" "x" -1 }}'],
    ['{{ regexFindAll "\\\\p{Nope}" "x" -1 }}'],
    ['{{ regexFindAll "a{1001}" "x" -1 }}'],
    ['{{ regexFindAll "a{2,1}" "x" -1 }}'],
    ['{{ regexFindAll "\\\\8" "x" -1 }}'],
    ['{{ regexFindAll "[a-\\\\d]" "x" -1 }}'],
  ],
  regexReplaceAll: [
    ['{{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "${last}, ${first}" }}|{{ regexReplaceAll "(a|ab)(c|bcd)(d*)" "abcd" "[$1/$2/$3]" }}|{{ regexReplaceAll "(?i)X" "axbXc" "$0$0" }}'],
  ],
  regexMatch: [['{{ regexMatch "(a+)+$" (printf "%s!" (repeat 3000 "a")) }}|{{ regexMatch "(x+x+)+y" (repeat 2000 "x") }}']],
};
for (const [fn, list] of Object.entries(re2)) groups[fn] = [...(groups[fn] ?? []), ...list];

// "__proto__" and other Object.prototype names are ordinary map keys in Go.
const protoKeys = {
  dict: [['{{ dict "__proto__" 1 "a" 2 }}|{{ $d := dict }}{{ $_ := set $d "__proto__" (dict "x" 1) }}{{ $d }}|{{ keys (dict "__proto__" 1) }}|{{ toJson (dict "__proto__" 1) }}']],
  merge: [['{{ merge (dict) (dict "__proto__" (dict "p" 1)) }}|{{ pick (dict "__proto__" 1) "__proto__" }}|{{ deepCopy (fromJson "{\\"__proto__\\": 3}") }}|{{ hasKey (dict) "constructor" }}|{{ get (dict) "toString" }}']],
};
for (const [fn, list] of Object.entries(protoKeys)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Go's time.Parse corners the fuzzer found (a failed seconds field cleared by a
// fraction, values consumed before an error, signed zone offsets).
const parsing = {
  mustToDate: [
    ['{{ mustToDate "5" ".1" }}|{{ mustToDate "GMT" "GMT+3" }}|{{ mustToDate "MST" "+07" }}'],
    ['{{ mustToDate "502" ".123456789.123456789" }}'],
    ['{{ mustToDate "05_201Mon" ".123456789T" }}'],
    ['{{ mustToDate "2,000" "01234ThursdayThursdayT59" }}'],
    ['{{ mustToDate ".000:MST" "-PM2931pm" }}'],
    ['{{ mustToDate "MST" "-052103" }}'],
    ['{{ mustToDate "MST" "ABCDEF" }}'],
    ['{{ mustToDate "PM" "XM" }}'],
  ],
  urlParse: [['{{ urlParse "%2ü" }}'], ['{{ urlParse "http://h/%zz" }}']],
};
for (const [fn, list] of Object.entries(parsing)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Named integer types returned by time methods (time.Month, time.Weekday, time.Duration).
const D2 = '(toDate "2006-01-02" "2021-03-04")';
const named = {
  toDate: [
    [`{{ add ${D2}.Month 1 }}|{{ int ${D2}.Month }}|{{ ${D2}.Weekday }}|{{ toJson ${D2}.Month }}|{{ toYaml ${D2}.Month }}|{{ typeOf ${D2}.Month }}|{{ kindOf ${D2}.Weekday }}`],
    [`{{ $d := ${D2}.Sub (toDate "2006" "2021") }}{{ $d }}|{{ $d.Hours }}|{{ $d.Minutes }}|{{ $d.Seconds }}|{{ $d.Milliseconds }}|{{ typeOf $d }}|{{ toJson $d }}|{{ int64 $d }}`],
    [`{{ eq ${D2}.Month 3 }}|{{ printf "%d" ${D2}.Weekday }}`],
  ],
};
for (const [fn, list] of Object.entries(named)) groups[fn] = [...(groups[fn] ?? []), ...list];

// DSA keys: generated and parsed as Go does; Go's x509 cannot sign with them.
const dsa = {
  genPrivateKey: [
    ['{{ $k := genPrivateKey "dsa" }}{{ hasPrefix "-----BEGIN DSA PRIVATE KEY-----\\n" $k }}|{{ genCAWithKey "x" 1 $k }}'],
  ],
  genCAWithKey: [['{{ genCAWithKey "x" 1 "-----BEGIN DSA PRIVATE KEY-----\\nMAA=\\n-----END DSA PRIVATE KEY-----\\n" }}']],
};
for (const [fn, list] of Object.entries(dsa)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Raw bytes (invalid UTF-8) kept as Go keeps them.
const rawBytes = {
  toYaml: [['{{ toYaml "\\xff" }}|{{ toYaml (list "a\\xffb") }}']],
  toJson: [['{{ toJson "\\xff" }}|{{ toJson (trunc 1 "é") }}']],
  quote: [['{{ quote "\\xff" }}|{{ quote (trunc 1 "é") }}|{{ squote "\\xfe" }}']],
  b64enc: [['{{ b64enc "\\xff" }}|{{ len (b64dec "/w==") }}|{{ b64enc (b64dec "/w==") }}|{{ b32enc "\\x80" }}']],
  upper: [['{{ upper "\\xffa" }}|{{ title "\\xff" }}|{{ len (shuffle "\\xff") }}|{{ lower "Ab\\xc3" }}']],
  sha1sum: [['{{ sha1sum (trunc 1 "é") }}|{{ sha256sum "\\x00\\xff" }}|{{ adler32sum "\\x80" }}|{{ len (trunc 1 "é") }}']],
  regexFindAll: [['{{ regexFindAll "." "\\xffa" -1 }}|{{ regexReplaceAll "a" "\\xffa" "b" | len }}']],
  mustToDate: [['{{ mustToDate "2006" "é" }}']],
  mustDateModify: [['{{ mustDateModify "1é" (toDate "2006" "2020") }}']],
};
for (const [fn, list] of Object.entries(rawBytes)) groups[fn] = [...(groups[fn] ?? []), ...list];

// Zone abbreviations from Go's tzdata (src/template/sprig/zone-abbr.ts).
const zoneCases = {
  dateInZone: [
    ['{{ dateInZone "MST" 1579046400 "Asia/Shanghai" }}|{{ dateInZone "MST" 1579046400 "Europe/Moscow" }}|{{ dateInZone "MST" 1594771200 "Europe/Dublin" }}|{{ dateInZone "MST" 1579046400 "Europe/London" }}|{{ dateInZone "MST" 1579046400 "GMT" }}|{{ dateInZone "MST" 1579046400 "Asia/Dubai" }}|{{ dateInZone "MST" 1594771200 "Asia/Jerusalem" }}|{{ dateInZone "MST" 1579046400 "Africa/Johannesburg" }}'],
  ],
};
for (const [fn, list] of Object.entries(zoneCases)) groups[fn] = [...(groups[fn] ?? []), ...list];
