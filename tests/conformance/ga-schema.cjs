// Checks server events against the GA Realtime types the `openai` npm package ships (resources/realtime/*.d.ts),
// read with the TypeScript compiler: every field name must exist on the declared type, every string with a literal
// union type must be one of its values, and primitives must have their declared kind.
'use strict';
const path = require('node:path');
const ts = require('typescript');

// The package's exports hide its files from require.resolve; its folder is found the way Node finds packages.
const realtimeDir = path.join(__dirname, 'node_modules', 'openai', 'resources', 'realtime');
const files = ['realtime.d.ts', 'client-secrets.d.ts'].map((f) => path.join(realtimeDir, f));
// strictNullChecks keeps `string | null` apart from an optional `string`.
const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, strict: true, types: [] });
const checker = program.getTypeChecker();

function declared(file, name) {
  const source = program.getSourceFile(file);
  let found;
  ts.forEachChild(source, (node) => {
    if ((ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name.text === name) {
      found = checker.getTypeAtLocation(node.name);
    }
  });
  if (!found) throw new Error(`${name} is not declared in ${file}`);
  return found;
}

const serverEvent = declared(files[0], 'RealtimeServerEvent');
const clientSecret = declared(files[1], 'ClientSecretCreateResponse');

// The session object a server reports (id, object, expires_at) is declared with the client-secret response; the
// event types declare the request shape. A reported session may match either.
const sessionResponses = [declared(files[1], 'RealtimeSessionCreateResponse'), declared(files[1], 'RealtimeTranscriptionSessionCreateResponse')];

const eventTypes = new Map();
for (const member of serverEvent.types) {
  const typeProp = member.getProperty('type');
  const literal = typeProp && checker.getTypeOfSymbol(typeProp);
  if (literal && literal.isStringLiteral()) eventTypes.set(literal.value, member);
}

function propType(type, name) {
  const symbol = type.getProperty(name);
  if (!symbol) return undefined;
  return checker.getNonNullableType(checker.getTypeOfSymbol(symbol));
}

function isNullable(type) {
  return type.isUnion() ? type.types.some((t) => t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) : !!(type.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined));
}

function validate(value, type, at, errors) {
  const flags = type.flags;
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (value === null) {
    const symbolType = type;
    if (!isNullable(symbolType) && !(flags & ts.TypeFlags.NonPrimitive)) errors.push(`${at}: null is not allowed`);
    return;
  }
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    let candidates = members;
    if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.type === 'string') {
      const tagged = members.filter((m) => {
        const tag = m.getProperty && m.getProperty('type') && checker.getTypeOfSymbol(m.getProperty('type'));
        return tag && (tag.isStringLiteral() ? tag.value === value.type : tag.isUnion() ? tag.types.some((t) => t.isStringLiteral() && t.value === value.type) : true);
      });
      if (tagged.length > 0) candidates = tagged;
    }
    let best;
    for (const candidate of candidates) {
      const found = [];
      validate(value, candidate, at, found);
      if (found.length === 0) return;
      if (!best || found.length < best.length) best = found;
    }
    if (best) errors.push(...best);
    else errors.push(`${at}: no type fits`);
    return;
  }
  if (type.isIntersection()) {
    // (string & {}) is TypeScript's "any string, but suggest these": a string.
    if (type.types.some((t) => t.flags & ts.TypeFlags.String)) {
      if (typeof value !== 'string') errors.push(`${at}: expected a string`);
      return;
    }
  }
  if (type.isStringLiteral()) {
    if (value !== type.value) errors.push(`${at}: '${value}' is not '${type.value}'`);
    return;
  }
  if (type.isNumberLiteral()) {
    if (value !== type.value) errors.push(`${at}: ${value} is not ${type.value}`);
    return;
  }
  if (flags & ts.TypeFlags.BooleanLiteral) {
    if (typeof value !== 'boolean' || String(value) !== checker.typeToString(type)) errors.push(`${at}: ${value} is not ${checker.typeToString(type)}`);
    return;
  }
  if (flags & ts.TypeFlags.String) { if (typeof value !== 'string') errors.push(`${at}: expected a string, got ${JSON.stringify(value)}`); return; }
  if (flags & ts.TypeFlags.Number) { if (typeof value !== 'number') errors.push(`${at}: expected a number, got ${JSON.stringify(value)}`); return; }
  if (flags & ts.TypeFlags.Boolean) { if (typeof value !== 'boolean') errors.push(`${at}: expected a boolean`); return; }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    if (!Array.isArray(value)) { errors.push(`${at}: expected an array`); return; }
    const element = checker.getTypeArguments(type)[0];
    value.forEach((v, i) => validate(v, element, `${at}[${i}]`, errors));
    return;
  }
  if (flags & ts.TypeFlags.NonPrimitive) return; // `object`: anything goes
  if (flags & ts.TypeFlags.Object) {
    if (typeof value !== 'object' || Array.isArray(value)) { errors.push(`${at}: expected an object, got ${JSON.stringify(value)}`); return; }
    const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    for (const [key, v] of Object.entries(value)) {
      const p = type.getProperty(key);
      if (!p) {
        if (index) { validate(v, index, `${at}.${key}`, errors); continue; }
        errors.push(`${at}.${key}: no such field in ${checker.typeToString(type)}`);
        continue;
      }
      const pt = checker.getTypeOfSymbol(p);
      if (pt.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) continue;
      if (v === null) {
        if (!isNullable(pt)) errors.push(`${at}.${key}: null is not allowed by ${checker.typeToString(pt)}`);
        continue;
      }
      validate(v, checker.getNonNullableType(pt), `${at}.${key}`, errors);
    }
    return;
  }
  errors.push(`${at}: cannot check against ${checker.typeToString(type)}`);
}

/** Problems of one server event against the GA types; empty when it conforms. */
function checkServerEvent(event) {
  const type = eventTypes.get(event.type);
  if (!type) return [`${event.type}: not a GA server event type`];
  const errors = [];
  if ((event.type === 'session.created' || event.type === 'session.updated') && event.session) {
    const rest = { ...event };
    delete rest.session;
    validate(rest, type, event.type, errors);
    // The event declares the request shape, the client-secret response the reported one (id, object, expires_at):
    // each field of a reported session must be declared, and fit, in one of them.
    const candidates = [propType(type, 'session'), ...sessionResponses].flatMap((t) => (t.isUnion() ? t.types : [t]))
      .filter((t) => { const tag = propType(t, 'type'); return !tag || !tag.isStringLiteral() || tag.value === event.session.type; });
    for (const [key, value] of Object.entries(event.session)) {
      const tried = [];
      for (const candidate of candidates) {
        const symbol = candidate.getProperty(key);
        if (!symbol) continue;
        const declaredType = checker.getTypeOfSymbol(symbol);
        const found = [];
        if (value === null) { if (!isNullable(declaredType)) found.push(`${event.type}.session.${key}: null is not allowed`); }
        else if (!(declaredType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) validate(value, checker.getNonNullableType(declaredType), `${event.type}.session.${key}`, found);
        tried.push(found);
        if (found.length === 0) break;
      }
      if (tried.length === 0) errors.push(`${event.type}.session.${key}: no such field in any session type`);
      else if (tried.every((f) => f.length > 0)) errors.push(...tried.sort((a, b) => a.length - b.length)[0]);
    }
    return errors;
  }
  validate(event, type, event.type, errors);
  return errors;
}

function checkClientSecret(body) {
  const errors = [];
  validate(body, clientSecret, 'client_secret', errors);
  return errors;
}

module.exports = { checkServerEvent, checkClientSecret, eventTypes };

if (require.main === module) {
  // node ga-schema.cjs events.jsonl: checks one event per line.
  const lines = require('node:fs').readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  let bad = 0;
  for (const line of lines) {
    const problems = checkServerEvent(JSON.parse(line));
    if (problems.length) { bad++; console.log(problems.join('\n')); }
  }
  console.log(`${lines.length} events, ${bad} not conforming`);
  process.exit(bad ? 1 : 0);
}
