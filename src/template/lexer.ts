// The lexer of Go's text/template (text/template/parse/lex.go, Go 1.19),
// ported state for state: the parser's error messages and positions depend
// on exactly where each item starts and on which error the lexer reports.
// Positions are UTF-16 offsets into the template text; error messages convert
// them to Go's byte columns (see positions.ts).

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords (after Keyword).
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const keywords: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

/** Go's `%q` of a short string, as item.String() prints it (see quote.ts). */
import { goQuote } from './quote.ts';
import { byteLength } from './bytes.ts';

/** item.String() of Go's lexer, used in parse errors. */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  if (byteLength(i.val) > 10) return `${goQuote([...i.val].slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;

const letterRe = /^[\p{L}\p{Nd}_]$/u;
function isAlphaNumeric(ch: string): boolean {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      return c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    }
  }
  return ch !== '' && letterRe.test(ch);
}

/** `%#U` of a rune: `U+0023 '#'`. */
export function formatRuneU(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}

/**
 * Lexes a whole template into items, ending with EOF or with an Error item
 * (after which the parser sees EOF items, as Go's drained lexer gives).
 */
export class Lexer {
  private readonly items: Item[] = [];
  private next = 0;
  constructor(
    readonly input: string,
    readonly leftDelim = '{{',
    readonly rightDelim = '}}',
    readonly breakOK = true,
    readonly continueOK = true,
  ) {
    new LexRun(this.items, input, leftDelim, rightDelim, breakOK, continueOK).run();
  }
  nextItem(): Item {
    const it = this.items[this.next];
    if (it === undefined) {
      const last = this.items[this.items.length - 1];
      return { typ: T.EOF, pos: this.input.length, val: '', line: last ? last.line : 1 };
    }
    this.next++;
    return it;
  }
}

const EOF = '';
type State = ((l: LexRun) => State) | null;

class LexRun {
  pos = 0;
  start = 0;
  startLine = 1;
  parenDepth = 0;
  constructor(
    readonly items: Item[],
    readonly input: string,
    readonly leftDelim: string,
    readonly rightDelim: string,
    readonly breakOK: boolean,
    readonly continueOK: boolean,
  ) {}

  run(): void {
    let state: State = lexText;
    while (state !== null) state = state(this);
  }

  nextRune(): string {
    if (this.pos >= this.input.length) {
      this.lastWidth = 0;
      return EOF;
    }
    const c = this.input.charCodeAt(this.pos);
    let ch: string;
    if (c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.input.length) {
      ch = this.input.slice(this.pos, this.pos + 2);
    } else ch = this.input[this.pos] as string;
    this.pos += ch.length;
    this.lastWidth = ch.length;
    return ch;
  }
  lastWidth = 0;
  peek(): string {
    const p = this.pos;
    const w = this.lastWidth;
    const r = this.nextRune();
    this.pos = p;
    this.lastWidth = w;
    return r;
  }
  backup(): void {
    this.pos -= this.lastWidth;
    this.lastWidth = 0;
  }
  emit(t: T): void {
    this.items.push({
      typ: t,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    });
    this.ignore();
  }
  // Lines are derived from positions: an item's line is 1 + the newlines before it.
  ignore(): void {
    this.startLine += countNL(this.input, this.start, this.pos);
    this.start = this.pos;
  }
  accept(valid: string): boolean {
    const r = this.nextRune();
    if (r !== EOF && valid.includes(r)) return true;
    if (r !== EOF) this.backup();
    return false;
  }
  acceptRun(valid: string): void {
    for (;;) {
      const r = this.nextRune();
      if (r === EOF) return;
      if (!valid.includes(r)) {
        this.backup();
        return;
      }
    }
  }
  errorf(msg: string): State {
    this.items.push({ typ: T.Error, pos: this.start, val: msg, line: this.startLine });
    return null;
  }
  atRightDelim(): [boolean, boolean] {
    const rest = this.input.startsWith(this.rightDelim, this.pos + 2);
    if (hasRightTrimMarker(this.input, this.pos) && rest) return [true, true];
    if (this.input.startsWith(this.rightDelim, this.pos)) return [true, false];
    return [false, false];
  }
  atTerminator(): boolean {
    const r = this.peek();
    if (r === EOF) return true;
    if (isSpace(r.charCodeAt(0))) return true;
    switch (r) {
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }
}

function countNL(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length >= at + 2 && s.charCodeAt(at) === 45 && isSpace(s.charCodeAt(at + 1));
}
function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length >= at + 2 && isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 45;
}
function leftTrimLength(s: string, at: number): number {
  let i = at;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - at;
}
function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}

function lexText(l: LexRun): State {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = x + l.leftDelim.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) {
        trimLength = rightTrimLength(l.input, l.start, x);
      }
      l.pos -= trimLength;
      if (l.pos > l.start) l.emit(T.Text);
      l.pos += trimLength;
      l.ignore();
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) l.emit(T.Text);
  l.emit(T.EOF);
  return null;
}

function lexLeftDelim(l: LexRun): State {
  l.pos += l.leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit(T.LeftDelim);
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: LexRun): State {
  l.pos += 2;
  const x = l.input.indexOf('*/', l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + 2;
  const [delim, trimSpace] = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpace) l.pos += 2;
  l.pos += l.rightDelim.length;
  if (trimSpace) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: LexRun): State {
  const [, trimSpace] = l.atRightDelim();
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  l.emit(T.RightDelim);
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: LexRun): State {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.nextRune();
  if (r === EOF) return l.errorf('unclosed action');
  const c = r.charCodeAt(0);
  if (isSpace(c)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case '=':
      l.emit(T.Assign);
      return lexInsideAction;
    case ':':
      if (l.nextRune() !== '=') return l.errorf('expected :=');
      l.emit(T.Declare);
      return lexInsideAction;
    case '|':
      l.emit(T.Pipe);
      return lexInsideAction;
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '.':
      if (l.pos < l.input.length) {
        const n = l.input.charCodeAt(l.pos);
        if (n < 48 || n > 57) return lexField;
      }
      l.backup();
      return lexNumber;
    case '(':
      l.emit(T.LeftParen);
      l.parenDepth++;
      return lexInsideAction;
    case ')':
      l.emit(T.RightParen);
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${formatRuneU(r)}`);
      return lexInsideAction;
  }
  if (r === '+' || r === '-' || (c >= 48 && c <= 57)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (c <= 127 && c >= 32 && c !== 127) {
    l.emit(T.Char);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

function lexSpace(l: LexRun): State {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (r === EOF || !isSpace(r.charCodeAt(0))) break;
    l.nextRune();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos + 1)) {
    l.pos--;
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit(T.Space);
  return lexInsideAction;
}

function lexIdentifier(l: LexRun): State {
  for (;;) {
    const r = l.nextRune();
    if (r !== EOF && isAlphaNumeric(r)) continue;
    if (r !== EOF) l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
    const kw = keywords[word];
    if (kw !== undefined && kw > T.Keyword) {
      if ((kw === T.Break && !l.breakOK) || (kw === T.Continue && !l.continueOK)) {
        l.emit(T.Identifier);
      } else l.emit(kw);
    } else if (word[0] === '.') l.emit(T.Field);
    else if (word === 'true' || word === 'false') l.emit(T.Bool);
    else l.emit(T.Identifier);
    return lexInsideAction;
  }
}

function lexField(l: LexRun): State {
  return lexFieldOrVariable(l, T.Field);
}
function lexVariable(l: LexRun): State {
  return lexFieldOrVariable(l, T.Variable);
}

function lexFieldOrVariable(l: LexRun, typ: T): State {
  if (l.atTerminator()) {
    l.emit(typ === T.Variable ? T.Variable : T.Dot);
    return lexInsideAction;
  }
  let r: string;
  for (;;) {
    r = l.nextRune();
    if (r === EOF || !isAlphaNumeric(r)) {
      if (r !== EOF) l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  l.emit(typ);
  return lexInsideAction;
}

function lexChar(l: LexRun): State {
  for (;;) {
    let r = l.nextRune();
    if (r === '\\') {
      r = l.nextRune();
      if (r !== EOF && r !== '\n') continue;
    }
    if (r === EOF || r === '\n') return l.errorf('unterminated character constant');
    if (r === "'") break;
  }
  l.emit(T.CharConstant);
  return lexInsideAction;
}

function lexNumber(l: LexRun): State {
  if (!scanNumber(l))
    return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    l.emit(T.Complex);
  } else l.emit(T.Number);
  return lexInsideAction;
}

function scanNumber(l: LexRun): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  const p = l.peek();
  if (p !== EOF && isAlphaNumeric(p)) {
    l.nextRune();
    return false;
  }
  return true;
}

function lexQuote(l: LexRun): State {
  for (;;) {
    let r = l.nextRune();
    if (r === '\\') {
      r = l.nextRune();
      if (r !== EOF && r !== '\n') continue;
    }
    if (r === EOF || r === '\n') return l.errorf('unterminated quoted string');
    if (r === '"') break;
  }
  l.emit(T.String);
  return lexInsideAction;
}

function lexRawQuote(l: LexRun): State {
  for (;;) {
    const r = l.nextRune();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === '`') break;
  }
  l.emit(T.RawString);
  return lexInsideAction;
}
