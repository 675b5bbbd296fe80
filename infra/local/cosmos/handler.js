'use strict';
// The request pipeline: cosmosdb-server's routes and handlers, with our handlers in front of the
// requests the server gets wrong, and one place that writes every reply.
//
// Gaps filled here (the others live in query.js, batch.js, errors.js, linear-query.js, snapshot.js):
// - Keep-alive: the server's own reply writer sends "Connection: close" unless told otherwise,
//   which makes the SDK open a new TLS connection per request. Every reply here keeps the
//   connection open unless the client asked to close it.
// - Reading a missing item: the server's read handler dereferences the missing document and
//   answers 500. Reads are answered here: 404 NotFound when the item is absent.
// - Missing container: writes into a container that does not exist crash the server's handlers
//   (500). Any request under /dbs/{db}/colls/{coll} whose container is absent is answered 404.

const { randomUUID } = require('crypto');
const route = require('@vercel/cosmosdb-server/lib/routes').default;
const pathMatch = require('@vercel/cosmosdb-server/lib/path-match').default;
const { readOperation } = require('@vercel/cosmosdb-server/lib/handler/_document-operations');
const { errorBody, statusForException, HttpError } = require('./errors');
const { isQueryPlanRequest, queryPlan, runQuery } = require('./query');
const { executeBatch } = require('./batch');

const serverHandler = (name) => require(`@vercel/cosmosdb-server/lib/handler/${name}`).default;
const matchDocs = pathMatch('/dbs/:dbId/colls/:collId/docs');

const QUERY_METRICS = 'totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;'
  + 'queryLogicalPlanBuildTimeInMs=0.00;queryPhysicalPlanBuildTimeInMs=0.00;'
  + 'queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;indexLookupTimeInMs=0.00;'
  + 'documentLoadTimeInMs=0.00;systemFunctionExecuteTimeInMs=0.00;userFunctionExecuteTimeInMs=0.00;'
  + 'retrievedDocumentCount=0;retrievedDocumentSize=0;outputDocumentCount=0;outputDocumentSize=0;'
  + 'writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00';

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch (err) {
        reject(new HttpError(400, `The request body is not valid JSON: ${err.message}`));
      }
    });
  });
}

function trueHeader(req, name) {
  return String(req.headers[name] || '').toLowerCase() === 'true';
}

async function readDocument(account, req, res, { dbId, collId, docId }) {
  const collection = account.database(dbId).collection(collId);
  const result = readOperation(collection, {
    partitionKey: req.headers['x-ms-documentdb-partitionkey'] || '[{}]',
    id: docId,
  });
  res.statusCode = result.statusCode;
  return result.body;
}

async function queryDocuments(account, req, res, { dbId, collId }) {
  const body = await readJson(req);
  if (!body || typeof body.query !== 'string') {
    throw new HttpError(400, 'The query request body must have a "query" string.');
  }
  const collection = account.database(dbId).collection(collId);
  const { result, continuation } = runQuery(collection, req, body);
  if (continuation) {
    res.setHeader('x-ms-continuation', JSON.stringify(continuation));
  }
  res.setHeader('x-ms-item-count', String(result.length));
  return { _rid: collection.read()._rid, Documents: result, _count: result.length };
}

async function batchDocuments(account, req, res, { dbId, collId }) {
  const body = await readJson(req);
  const collection = account.database(dbId).collection(collId);
  const { status, results } = executeBatch(collection, body, {
    partitionKeyHeader: req.headers['x-ms-documentdb-partitionkey'],
    atomic: trueHeader(req, 'x-ms-cosmos-batch-atomic'),
    continueOnError: trueHeader(req, 'x-ms-cosmos-batch-continue-on-error'),
  });
  res.statusCode = status;
  return results;
}

async function queryPlanFor(account, req, res, { dbId, collId }) {
  const body = await readJson(req);
  if (!body || typeof body.query !== 'string') {
    throw new HttpError(400, 'The query plan request body must have a "query" string.');
  }
  return queryPlan(account.database(dbId).collection(collId), body);
}

const OVERRIDES = new Map([
  [serverHandler('read-document'), readDocument],
  [serverHandler('query-documents'), queryDocuments],
  [serverHandler('batch-documents'), batchDocuments],
]);

/** Finds the handler for a request: [params, handler, kind] or undefined. */
function resolve(req) {
  if (req.method === 'POST' && isQueryPlanRequest(req)) {
    const params = matchDocs(pathnameOf(req));
    return params && [params, queryPlanFor, 'read'];
  }
  const found = route(req);
  if (!found) {
    return undefined;
  }
  const [params, handler] = found;
  const isQuery = req.method === 'POST' && (trueHeader(req, 'x-ms-documentdb-isquery')
    || req.headers['content-type'] === 'application/query+json');
  const kind = req.method === 'GET' || isQuery ? 'read' : 'write';
  return [params, OVERRIDES.get(handler) || handler, kind];
}

function pathnameOf(req) {
  let pathname = new URL(req.url, 'https://localhost').pathname.replace(/^\/\//, '/');
  while (pathname.length > 1 && pathname.endsWith('/')) {
    pathname = pathname.slice(0, -1);
  }
  return pathname;
}

/**
 * A request listener serving `account`. `onWrite` is called after every request that may have
 * changed the account (a successful non-read request).
 */
function createRequestListener(getAccount, { onWrite = () => {} } = {}) {
  return (req, res) => {
    serve(getAccount(), req, res)
      .then((kind) => {
        if (kind === 'write' && res.statusCode < 400) {
          onWrite();
        }
      })
      .catch((err) => {
        console.error(err);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        }
      });
  };
}

async function serve(account, req, res) {
  const resolved = resolve(req);
  let body;
  if (!resolved) {
    res.statusCode = 400;
    body = { message: `No route for ${req.method} ${req.url}.` };
  } else {
    const [params, handler] = resolved;
    try {
      if (params.collId && !account.database(params.dbId).collection(params.collId).read()) {
        res.statusCode = 404;
        body = { message: `Container '${params.collId}' in database '${params.dbId}' does not exist.` };
      } else {
        body = await handler(account, req, res, params);
      }
    } catch (err) {
      res.statusCode = err instanceof HttpError ? err.status : statusForException(err);
      if (res.statusCode >= 500) {
        console.error(err);
      }
      body = { message: err.message };
    }
  }
  finish(req, res, body);
  return resolved ? resolved[2] : 'read';
}

function finish(req, res, body) {
  let reply = body;
  if (res.statusCode >= 400) {
    reply = errorBody(res.statusCode, body);
  }
  if (reply && reply._etag) {
    res.setHeader('etag', reply._etag);
  }
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-location', `https://${req.headers.host}${req.url}`);
  res.setHeader('x-ms-activity-id', randomUUID());
  res.setHeader('x-ms-request-charge', '1');
  if (String(req.headers.connection || '').toLowerCase() !== 'close') {
    res.setHeader('connection', 'keep-alive');
  }
  if (req.headers['x-ms-documentdb-populatequerymetrics']) {
    res.setHeader('x-ms-documentdb-query-metrics', QUERY_METRICS);
  }
  // Change feed, as cosmosdb-server answers it: the whole container, then "not modified".
  if (req.headers['a-im'] && res.statusCode === 200) {
    if (req.headers['if-none-match']) {
      res.statusCode = 304;
    }
    res.setHeader('etag', '1');
  }
  res.end(reply === undefined ? '' : JSON.stringify(reply));
}

module.exports = { createRequestListener };
