// Go's text forms of numbers, as KUDO produces them when it turns YAML values
// into strings: fmt's %v of a float64 (parameter defaults go through JSON, so
// every number is a float64) and strconv.FormatInt for integer literals.

/** fmt.Sprintf("%v", f) for a float64: shortest digits, exponent form below 1e-4 or from 1e6 on (strconv %g, shortest). */
export function goFloat(f: number): string {
  const special = nonFinite(f);
  if (special !== undefined) return special;
  // toExponential() without argument gives the shortest round-tripping digits.
  return formatG(f.toExponential());
}

/**
 * strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that read back as
 * the same float32. sigs.k8s.io/yaml uses it for a YAML float decoded into a
 * Go string field (`appVersion: 5.7` is "5.7").
 */
export function goFloat32(f: number): string {
  const x = Math.fround(f);
  const special = nonFinite(x);
  if (special !== undefined) return special;
  for (let digits = 1; digits <= 9; digits++) {
    const text = x.toExponential(digits - 1);
    if (Math.fround(Number(text)) === x) return formatG(text);
  }
  return formatG(x.toExponential(8));
}

function nonFinite(f: number): string | undefined {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  return undefined;
}

/** %g of shortest digits given as JS exponential text (`-1.25e+7`): %e when exp < -4 or exp >= 6. */
function formatG(exponential: string): string {
  const [mantissa, expText] = exponential.split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = exp + 1;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}
