// Brian2's model language, the part spikewasm runs: expressions (Python's operators and
// precedence), equation lines (`dv/dt = ... : volt (unless refractory)`, subexpressions,
// parameters) and statements (`v = vReset`, `w += b`). Every node keeps its line and column so
// that errors can point at it.
import { fail } from '../errors.js';

export interface Place {
  line: number;
  column: number;
}

export type Expr = Place & (
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'unary'; op: '-' | '+' | 'not'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: string; args: Expr[] }
);

export type BinaryOp = '+' | '-' | '*' | '/' | '**' | '<' | '>' | '<=' | '>=' | '==' | '!=' | 'and' | 'or';

export interface EquationLine extends Place {
  kind: 'differential' | 'subexpression' | 'parameter';
  name: string;
  /** The right-hand side (none for a parameter). */
  expr: Expr | null;
  /** The unit text after ':' ('volt', '1', 'siemens/meter**2'). */
  unit: string;
  unitPlace: Place;
  flags: string[];
}

export interface Statement extends Place {
  target: string;
  op: '=' | '+=' | '-=' | '*=' | '/=';
  expr: Expr;
}

interface Token extends Place {
  type: 'number' | 'name' | 'op' | 'end';
  text: string;
}

/** Where the text came from, for error messages ('populations[0].model.equations'). */
export class SourceText {
  constructor(readonly path: string, readonly text: string, readonly firstLine = 1) {}

  error(place: Place, message: string): never {
    return fail('E_EQUATION', this.path, `line ${place.line}, column ${place.column}: ${message}`);
  }

  /** A dimension mismatch at a place. */
  unitsError(place: Place, message: string): never {
    return fail('E_UNITS', this.path, `line ${place.line}, column ${place.column}: ${message}`);
  }
}

const OPERATORS = ['**', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '+', '-', '*', '/', '<', '>', '=', '(', ')', ',', ':', '%', '[', ']', '.', '&', '|', '~', '^', '@', ';'];

function tokenize(src: SourceText, text: string, line: number, column0: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const column = column0 + i;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ type: 'number', text: number[0], line, column });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ type: 'name', text: name[0], line, column });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) src.error({ line, column }, `unexpected character ${JSON.stringify(c)}`);
    tokens.push({ type: 'op', text: op, line, column });
    i += op.length;
  }
  tokens.push({ type: 'end', text: '', line, column: column0 + text.length });
  return tokens;
}

/** A recursive-descent reader of one line's tokens. */
class Reader {
  pos = 0;
  constructor(private readonly src: SourceText, readonly tokens: Token[]) {}

  get next(): Token {
    return this.tokens[this.pos]!;
  }

  take(): Token {
    return this.tokens[this.pos++]!;
  }

  is(text: string): boolean {
    const t = this.next;
    return (t.type === 'op' || t.type === 'name') && t.text === text;
  }

  expect(text: string, what: string): Token {
    if (!this.is(text)) this.unexpected(what);
    return this.take();
  }

  unexpected(what: string): never {
    const t = this.next;
    return this.src.error(t, t.type === 'end' ? `the line ends where ${what} should follow` : `expected ${what}, found ${JSON.stringify(t.text)}`);
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (this.is('or')) {
      const t = this.take();
      left = { kind: 'binary', op: 'or', left, right: this.and(), line: t.line, column: t.column };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.is('and')) {
      const t = this.take();
      left = { kind: 'binary', op: 'and', left, right: this.not(), line: t.line, column: t.column };
    }
    return left;
  }

  private not(): Expr {
    if (this.is('not')) {
      const t = this.take();
      return { kind: 'unary', op: 'not', arg: this.not(), line: t.line, column: t.column };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.sum();
    const t = this.next;
    if (t.type === 'op' && ['<', '>', '<=', '>=', '==', '!='].includes(t.text)) {
      this.take();
      const right = this.sum();
      if (this.next.type === 'op' && ['<', '>', '<=', '>=', '==', '!='].includes(this.next.text)) {
        this.src.error(this.next, 'chained comparisons (a < b < c) are not supported: write (a < b) and (b < c)');
      }
      return { kind: 'binary', op: t.text as BinaryOp, left, right, line: t.line, column: t.column };
    }
    return left;
  }

  private sum(): Expr {
    let left = this.product();
    while (this.is('+') || this.is('-')) {
      const t = this.take();
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: this.product(), line: t.line, column: t.column };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const t = this.take();
      if (t.text === '%') this.src.error(t, 'the modulo operator % is not supported');
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: this.unary(), line: t.line, column: t.column };
    }
    return left;
  }

  private unary(): Expr {
    if (this.is('-') || this.is('+')) {
      const t = this.take();
      return { kind: 'unary', op: t.text as '-' | '+', arg: this.unary(), line: t.line, column: t.column };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.atom();
    if (!this.is('**')) return base;
    const t = this.take();
    // Right-associative, and binds tighter than a unary minus on its left only: -x**2 = -(x**2).
    return { kind: 'binary', op: '**', left: base, right: this.unary(), line: t.line, column: t.column };
  }

  private atom(): Expr {
    const t = this.next;
    if (t.type === 'number') {
      this.take();
      return { kind: 'number', value: Number(t.text), line: t.line, column: t.column };
    }
    if (t.type === 'name') {
      if (['and', 'or', 'not', 'if', 'else', 'lambda', 'in', 'is'].includes(t.text)) this.unexpected('a value');
      this.take();
      if (t.text === 'True' || t.text === 'False') return { kind: 'number', value: t.text === 'True' ? 1 : 0, line: t.line, column: t.column };
      if (this.is('(')) {
        this.take();
        const args: Expr[] = [];
        if (!this.is(')')) {
          args.push(this.expression());
          while (this.is(',')) {
            this.take();
            args.push(this.expression());
          }
        }
        this.expect(')', "',' or ')'");
        return { kind: 'call', fn: t.text, args, line: t.line, column: t.column };
      }
      if (this.is('[') || this.is('.')) this.src.error(this.next, `${JSON.stringify(this.next.text)} (indexing or attributes) is not supported`);
      return { kind: 'name', name: t.text, line: t.line, column: t.column };
    }
    if (this.is('(')) {
      this.take();
      const inner = this.expression();
      this.expect(')', "')'");
      return inner;
    }
    return this.unexpected('a value');
  }

  end(): void {
    if (this.next.type !== 'end') this.unexpected('the end of the line');
  }
}

/**
 * The lines of a text that hold something: comments and blank lines dropped, ';' splits
 * statements, and a line whose parentheses are still open goes on on the next (as in Brian2).
 */
function lines(src: SourceText, splitSemicolons: boolean): { tokens: Token[] }[] {
  const out: { tokens: Token[] }[] = [];
  let pending: Token[] = [];
  let depth = 0;
  src.text.split('\n').forEach((raw, k) => {
    const line = src.firstLine + k;
    const parts = splitSemicolons && depth === 0 ? splitOutsideComment(raw) : [{ text: raw, at: 0 }];
    for (const { text, at } of parts) {
      const tokens = tokenize(src, text, line, at + 1);
      const end = tokens.pop()!;
      for (const t of tokens) depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
      pending.push(...tokens);
      if (depth > 0) continue;
      if (pending.length > 0) out.push({ tokens: [...pending, end] });
      pending = [];
      depth = 0;
    }
  });
  if (pending.length > 0) {
    const last = pending[pending.length - 1]!;
    src.error(last, 'a parenthesis is not closed');
  }
  return out;
}

function splitOutsideComment(raw: string): { text: string; at: number }[] {
  const hash = raw.indexOf('#');
  const body = hash < 0 ? raw : raw.slice(0, hash);
  const parts: { text: string; at: number }[] = [];
  let at = 0;
  for (const piece of body.split(';')) {
    parts.push({ text: piece, at });
    at += piece.length + 1;
  }
  return parts;
}

/** Parses one expression (a threshold, a refractory condition, a value). */
export function parseExpression(src: SourceText): Expr {
  const found = lines(src, false);
  if (found.length !== 1) src.error({ line: src.firstLine, column: 1 }, found.length === 0 ? 'an expression is required' : 'must be one expression on one line');
  const reader = new Reader(src, found[0]!.tokens);
  const expr = reader.expression();
  reader.end();
  return expr;
}

/** Parses statements, one per line or separated by ';' (a reset, a synapse's on_pre). */
export function parseStatements(src: SourceText): Statement[] {
  return lines(src, true).map(({ tokens }) => {
    const reader = new Reader(src, tokens);
    const target = reader.take();
    if (target.type !== 'name') src.error(target, `a statement starts with the variable it sets, found ${JSON.stringify(target.text)}`);
    const op = reader.take();
    if (op.type !== 'op' || !['=', '+=', '-=', '*=', '/='].includes(op.text)) {
      src.error(op, `expected =, +=, -=, *= or /= after ${target.text}${op.type === 'end' ? '' : `, found ${JSON.stringify(op.text)}`}`);
    }
    const expr = reader.expression();
    reader.end();
    return { target: target.text, op: op.text as Statement['op'], expr, line: target.line, column: target.column };
  });
}

/** Parses a block of equations: `dx/dt = expr : unit (flags)`, `x = expr : unit`, `x : unit`. */
export function parseEquations(src: SourceText): EquationLine[] {
  return lines(src, false).map(({ tokens }) => {
    const reader = new Reader(src, tokens);
    const first = reader.next;
    let kind: EquationLine['kind'];
    let name: string;
    let expr: Expr | null = null;
    const derivative = first.type === 'name' && /^d[A-Za-z_]/.test(first.text) && tokens[1]?.text === '/' && tokens[2]?.text === 'dt';
    if (derivative) {
      reader.pos = 3;
      kind = 'differential';
      name = first.text.slice(1);
      reader.expect('=', "'=' after d" + name + '/dt');
      expr = reader.expression();
    } else {
      const t = reader.take();
      if (t.type !== 'name') src.error(t, `an equation line starts with dx/dt or a name, found ${JSON.stringify(t.text)}`);
      name = t.text;
      if (reader.is('=')) {
        reader.take();
        kind = 'subexpression';
        expr = reader.expression();
      } else kind = 'parameter';
    }
    const colon = reader.expect(':', `':' and the unit of ${name}`);
    // The unit runs up to the flags in parentheses at the end (if any).
    const rest = tokens.slice(reader.pos, -1);
    let flagStart = rest.length;
    if (rest.length > 0 && rest[rest.length - 1]!.text === ')') {
      let depth = 0;
      for (let k = rest.length - 1; k >= 0; k--) {
        if (rest[k]!.text === ')') depth++;
        if (rest[k]!.text === '(') depth--;
        if (depth === 0) {
          flagStart = k;
          break;
        }
      }
      // '(unless refractory)' holds names only ('event-driven' a hyphen too); a unit in
      // parentheses such as (siemens/meter**2) does not.
      if (!rest.slice(flagStart + 1, -1).every((t) => t.type === 'name' || t.text === ',' || t.text === '-')) flagStart = rest.length;
    }
    const unitTokens = rest.slice(0, flagStart);
    if (unitTokens.length === 0) src.error(reader.next, `the unit of ${name} is missing after ':' (write 1 for a dimensionless variable)`);
    const unit = unitTokens.map((t) => t.text).join(' ');
    const flags: string[] = [];
    let current = '';
    for (const t of rest.slice(flagStart + 1, -1)) {
      if (t.text === ',') {
        flags.push(current);
        current = '';
      } else current = current && t.text !== '-' && !current.endsWith('-') ? `${current} ${t.text}` : current + t.text;
    }
    if (current) flags.push(current);
    return { kind, name, expr, unit, unitPlace: unitTokens[0] ?? colon, flags, line: first.line, column: first.column };
  });
}
