// sprig's urlParse and urlJoin over a port of Go's net/url (Parse, the
// escaping rules per URL component, and URL.String).
import { FuncError, goFunc, type FuncMap } from '../funcs.ts';
import { isGoMap, type GoMap, type GoValue } from '../value.ts';
import { fromUtf8, goQuoteBytes, utf8 } from './gostr.ts';
import { goQuote } from '../quote.ts';
import { kindOf } from './reflect.ts';

const enum Mode {
  path,
  pathSegment,
  host,
  zone,
  userPassword,
  queryComponent,
  fragment,
}

function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.host || mode === Mode.zone) && '!$&\'()*+,;=:[]<>"'.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case Mode.path:
        return ch === '?';
      case Mode.pathSegment:
        return '/;,?'.includes(ch);
      case Mode.userPassword:
        return '@/?:'.includes(ch);
      case Mode.queryComponent:
        return true;
      case Mode.fragment:
        return false;
    }
  }
  if (mode === Mode.fragment && '!()*'.includes(ch)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8(s)) {
    if (b === 32 && mode === Mode.queryComponent) out += '+';
    else if (shouldEscape(b, mode)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out;
}

const ishex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70));

function unescape(s: string, mode: Mode): string {
  const b = utf8(s);
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    const c = b[i] as number;
    if (c === 37) {
      if (i + 2 >= b.length || !ishex(b[i + 1]) || !ishex(b[i + 2])) {
        throw new FuncError(`invalid URL escape ${goQuoteBytes(b.subarray(i, i + 3))}`);
      }
      const v = parseInt(String.fromCharCode(b[i + 1] as number, b[i + 2] as number), 16);
      const esc = fromUtf8(b.subarray(i, i + 3));
      if (
        mode === Mode.host &&
        parseInt(String.fromCharCode(b[i + 1] as number), 16) < 8 &&
        esc !== '%25'
      ) {
        throw new FuncError(`invalid URL escape ${goQuoteBytes(b.subarray(i, i + 3))}`);
      }
      out.push(v);
      i += 3;
    } else if (c === 43) {
      out.push(mode === Mode.queryComponent ? 32 : 43);
      i++;
    } else {
      if ((mode === Mode.host || mode === Mode.zone) && c < 0x80 && shouldEscape(c, mode)) {
        throw new FuncError(`invalid character ${goQuote(String.fromCharCode(c))} in host name`);
      }
      out.push(c);
      i++;
    }
  }
  return fromUtf8(Uint8Array.from(out));
}

const validOptionalPort = (p: string): boolean => p === '' || /^:[0-9]*$/.test(p);

interface URL {
  scheme: string;
  opaque: string;
  user: { username: string; password?: string } | null;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
  rawFragment: string;
  omitHost: boolean;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new FuncError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      throw new FuncError(`invalid port ${goQuote(colonPort)} after host`);
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1 && !validOptionalPort(host.slice(i))) {
      throw new FuncError(`invalid port ${goQuote(host.slice(i))} after host`);
    }
  }
  return unescape(host, Mode.host);
}

function parseURL(raw: string): URL {
  const u: URL = {
    scheme: '',
    opaque: '',
    user: null,
    host: '',
    path: '',
    rawPath: '',
    rawQuery: '',
    forceQuery: false,
    fragment: '',
    rawFragment: '',
    omitHost: false,
  };
  const hash = raw.indexOf('#');
  const main = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? '' : raw.slice(hash + 1);
  const fail = (url: string, msg: string): FuncError =>
    new FuncError(`parse ${goQuote(url)}: ${msg}`);
  const wrap = <T>(url: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof FuncError) throw fail(url, e.message);
      throw e;
    }
  };
  wrap(main, () => {
    if (Array.from(main).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
      throw new FuncError('net/url: invalid control character in URL');
    if (main === '*') {
      u.path = '*';
      return;
    }
    let rest = main;
    for (let i = 0; i < main.length; i++) {
      const c = main[i] as string;
      if (/[a-zA-Z]/.test(c)) continue;
      if (/[0-9+\-.]/.test(c)) {
        if (i === 0) break;
        continue;
      }
      if (c === ':') {
        if (i === 0) throw new FuncError('missing protocol scheme');
        u.scheme = main.slice(0, i).toLowerCase();
        rest = main.slice(i + 1);
      }
      break;
    }
    if (rest.endsWith('?') && rest.split('?').length === 2) {
      u.forceQuery = true;
      rest = rest.slice(0, -1);
    } else {
      const q = rest.indexOf('?');
      if (q >= 0) {
        u.rawQuery = rest.slice(q + 1);
        rest = rest.slice(0, q);
      }
    }
    if (!rest.startsWith('/')) {
      if (u.scheme !== '') {
        u.opaque = rest;
        return;
      }
      if ((rest.split('/')[0] as string).includes(':'))
        throw new FuncError('first path segment in URL cannot contain colon');
    }
    if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
      let authority = rest.slice(2);
      rest = '';
      const slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.slice(slash);
        authority = authority.slice(0, slash);
      }
      const at = authority.lastIndexOf('@');
      u.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
      if (at >= 0) {
        const userinfo = authority.slice(0, at);
        if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo))
          throw new FuncError('net/url: invalid userinfo');
        const colon = userinfo.indexOf(':');
        u.user =
          colon < 0
            ? { username: unescape(userinfo, Mode.userPassword) }
            : {
                username: unescape(userinfo.slice(0, colon), Mode.userPassword),
                password: unescape(userinfo.slice(colon + 1), Mode.userPassword),
              };
      }
    } else if (u.scheme !== '' && rest.startsWith('/')) u.omitHost = true;
    u.path = unescape(rest, Mode.path);
    u.rawPath = escape(u.path, Mode.path) === rest ? '' : rest;
  });
  if (frag !== '') {
    wrap(raw, () => {
      u.fragment = unescape(frag, Mode.fragment);
      u.rawFragment = escape(u.fragment, Mode.fragment) === frag ? '' : frag;
    });
  }
  return u;
}

const userString = (u: NonNullable<URL['user']>): string =>
  escape(u.username, Mode.userPassword) +
  (u.password !== undefined ? ':' + escape(u.password, Mode.userPassword) : '');

function validEncoded(s: string, mode: Mode): boolean {
  for (const b of utf8(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(b))) continue;
    if (shouldEscape(b, mode)) return false;
  }
  return true;
}

function urlString(u: URL): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user !== null) {
      if (!(u.omitHost && u.host === '' && u.user === null)) {
        if (u.host !== '' || u.path !== '' || u.user !== null) buf += '//';
        if (u.user) buf += userString(u.user) + '@';
        if (u.host !== '') buf += escape(u.host, Mode.host);
      }
    }
    let path: string;
    if (
      u.rawPath !== '' &&
      validEncoded(u.rawPath, Mode.path) &&
      safeUnescape(u.rawPath, Mode.path) === u.path
    )
      path = u.rawPath;
    else if (u.path === '*') path = '*';
    else path = escape(u.path, Mode.path);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '' && (path.split('/')[0] as string).includes(':')) buf += './';
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') {
    let f: string;
    if (
      u.rawFragment !== '' &&
      validEncoded(u.rawFragment, Mode.fragment) &&
      safeUnescape(u.rawFragment, Mode.fragment) === u.fragment
    )
      f = u.rawFragment;
    else f = escape(u.fragment, Mode.fragment);
    buf += '#' + f;
  }
  return buf;
}
function safeUnescape(s: string, m: Mode): string | null {
  try {
    return unescape(s, m);
  } catch {
    return null;
  }
}

function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

function dictGetOrEmpty(d: GoMap | null, key: string): string {
  if (d === null || !Object.prototype.hasOwnProperty.call(d, key)) return '';
  const v = d[key] as GoValue;
  if (typeof v !== 'string') {
    if (v === null) throw new FuncError('invalid memory address or nil pointer dereference');
    throw new FuncError(
      `unable to parse ${key} key, must be of type string, but ${kindOf(v)} found`,
    );
  }
  return v;
}

export const urlFuncs: FuncMap = {
  urlParse: goFunc('urlParse', 'func(v string) map[string]interface{}', (_c, s: string) => {
    let u: URL;
    try {
      u = parseURL(s);
    } catch (e) {
      if (e instanceof FuncError) throw new FuncError(`unable to parse url: ${e.message}`);
      throw e;
    }
    return {
      scheme: u.scheme,
      host: u.host,
      hostname: hostname(u.host),
      path: u.path,
      query: u.rawQuery,
      opaque: u.opaque,
      fragment: u.fragment,
      userinfo: u.user ? userString(u.user) : '',
    };
  }),
  urlJoin: goFunc('urlJoin', 'func(d map[string]interface{}) string', (_c, d: GoMap | null) => {
    const u: URL = {
      scheme: dictGetOrEmpty(d, 'scheme'),
      host: dictGetOrEmpty(d, 'host'),
      path: dictGetOrEmpty(d, 'path'),
      rawQuery: dictGetOrEmpty(d, 'query'),
      opaque: dictGetOrEmpty(d, 'opaque'),
      fragment: dictGetOrEmpty(d, 'fragment'),
      user: null,
      rawPath: '',
      rawFragment: '',
      forceQuery: false,
      omitHost: false,
    };
    const userinfo = dictGetOrEmpty(d, 'userinfo');
    if (userinfo !== '') {
      try {
        u.user = parseURL(`proto://${userinfo}@host`).user;
      } catch (e) {
        if (e instanceof FuncError)
          throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
        throw e;
      }
    }
    return urlString(u);
  }),
};
void isGoMap;
