'use strict';
// Linear-time query evaluation.
//
// Gap: cosmosdb-server's query engine (@zeit/cosmosdb-query) compiles SQL to JavaScript that
// builds the row list of FROM and JOIN with `rows.reduce(($, c) => [...$, {c}], [])`, copying
// the accumulator for every document: quadratic time. A query over 20,000 documents took ~2.8 s,
// over 100,000 it would exceed the SDK's request timeout. We rewrite exactly those two generated
// shapes into the equivalent `rows.flatMap((c) => [{c}])` (and the conditional variant) before
// the code is generated; everything else the engine produces is left as it is. Over 20,000
// documents a COUNT now takes ~20 ms.

const path = require('path');

const serverDir = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
const queryDir = path.dirname(require.resolve('@zeit/cosmosdb-query/package.json', { paths: [serverDir] }));
const transform = require(path.join(queryDir, 'lib', 'transformer')).default;
const generate = require(require.resolve('@babel/generator', { paths: [queryDir] })).default;

const isAccumulator = (node) => node && node.type === 'Identifier' && node.name === '$';
const isAccumulatorSpread = (node) => node && node.type === 'SpreadElement' && isAccumulator(node.argument);

/** `[...$, rest]` -> `[rest]`, or null when the node has another shape. */
function appended(node) {
  if (!node || node.type !== 'ArrayExpression' || !isAccumulatorSpread(node.elements[0])) {
    return null;
  }
  const rest = node.elements.slice(1);
  return mentionsAccumulator(rest) ? null : { type: 'ArrayExpression', elements: rest };
}

function mentionsAccumulator(node) {
  if (Array.isArray(node)) {
    return node.some(mentionsAccumulator);
  }
  if (!node || typeof node !== 'object') {
    return false;
  }
  return isAccumulator(node) || Object.values(node).some(mentionsAccumulator);
}

/** The flatMap callback body equivalent to a reduce callback body, or null. */
function flatMapBody(body) {
  const direct = appended(body);
  if (direct) {
    return direct;
  }
  if (body.type === 'ConditionalExpression' && isAccumulator(body.alternate)) {
    const consequent = appended(body.consequent);
    if (consequent) {
      return { ...body, consequent, alternate: { type: 'ArrayExpression', elements: [] } };
    }
  }
  return null;
}

/** Rewrites `x.reduce(($, d) => [...$, e], [])` to `x.flatMap((d) => [e])` everywhere in `node`. */
function linearise(node) {
  if (Array.isArray(node)) {
    node.forEach(linearise);
    return node;
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  Object.values(node).forEach(linearise);
  const [callback, initial] = node.type === 'CallExpression' ? node.arguments : [];
  if (node.callee && node.callee.type === 'MemberExpression'
      && node.callee.property.name === 'reduce'
      && node.arguments.length === 2
      && callback.type === 'ArrowFunctionExpression'
      && callback.params.length === 2 && isAccumulator(callback.params[0])
      && initial.type === 'ArrayExpression' && initial.elements.length === 0) {
    const body = flatMapBody(callback.body);
    if (body) {
      node.callee = { ...node.callee, property: { type: 'Identifier', name: 'flatMap' } };
      node.arguments = [{ ...callback, params: [callback.params[1]], body }];
    }
  }
  return node;
}

/** Makes a compiled query (from the engine's cache) evaluate in linear time; idempotent. */
function makeLinear(query) {
  if (!query.linear) {
    query._code = generate(linearise(transform(query.ast))).code;
    query.linear = true;
  }
  return query;
}

/**
 * Makes every query the server compiles linear: wraps the compile-and-cache method shared by
 * queries, reads of all items, and patch conditions.
 */
function install() {
  const Items = require(path.join(serverDir, 'lib', 'account', 'items')).default;
  const compile = Items.prototype._getQuery;
  Items.prototype._getQuery = function getLinearQuery(sql) {
    return makeLinear(compile.call(this, sql));
  };
}

module.exports = { install, makeLinear };
