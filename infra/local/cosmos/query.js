'use strict';
// Queries: the query plan, and queries scoped to a partition key.
//
// Gap 1, query plan: before any query the Java SDK asks the gateway for a query plan (a POST to
// .../docs with header x-ms-cosmos-is-query-plan-request). cosmosdb-server does not know that
// request and runs it as the query itself, which the SDK cannot parse. We answer with a plan for
// one partition key range covering the whole key space and with no client-side work (no ORDER BY
// merge, no aggregates, no TOP/OFFSET/DISTINCT rewrite). The SDK then sends the query unchanged
// to that one range and passes the server's pages and continuation tokens through, so the server
// evaluates the whole query: parameters, ORDER BY, TOP, COUNT and paging all come from its engine.
// That is only right because the server has exactly one partition key range (id 0, "" to "FF").
// Queries the engine cannot parse (DISTINCT, OFFSET/LIMIT, GROUP BY) are refused with 400.
//
// Gap 2, partition-scoped queries: cosmosdb-server ignores the partition key header of a query and
// refuses (400) a single-partition query whose text does not name the partition key. Real Cosmos DB
// runs the query inside that partition. We run it ourselves on the documents of that partition.

const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header');
const { HttpError } = require('./errors');

const SINGLE_RANGE_PLAN = Object.freeze({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: 'None',
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: '',
    hasSelectValue: false,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
});

function isQueryPlanRequest(req) {
  return String(req.headers['x-ms-cosmos-is-query-plan-request'] || '').toLowerCase() === 'true';
}

/**
 * The plan for `body.query`. The one fact the SDK needs besides the range is whether the query
 * selects VALUEs: it wraps scalar results and unwraps them only when the plan says so.
 * Parsing also turns a syntax error into a 400 here already.
 */
function queryPlan(collection, body) {
  const { ast } = compile(collection.documents, body.query);
  const hasSelectValue = Boolean(ast.body && ast.body.select && ast.body.select.value);
  return { ...SINGLE_RANGE_PLAN, queryInfo: { ...SINGLE_RANGE_PLAN.queryInfo, hasSelectValue } };
}

/**
 * Runs a document query; returns {result, continuation} like cosmosdb-server's own executor.
 * Paging uses the x-ms-max-item-count and x-ms-continuation headers.
 */
function runQuery(collection, req, body) {
  const documents = collection.documents;
  let data = [...documents._data.values()].map((item) => item.read());
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (header && header !== '[]') {
    data = data.filter(inPartition(documents, header));
  }
  const { indexingPolicy } = collection.read();
  const maxItemCount = parseInt(req.headers['x-ms-max-item-count'], 10);
  const continuation = req.headers['x-ms-continuation'];
  const query = compile(documents, body.query);
  try {
    return query.exec(data, {
      parameters: body.parameters,
      udf: documents._userDefinedFunctions(),
      maxItemCount: maxItemCount > 0 ? maxItemCount : undefined,
      continuation: continuation ? JSON.parse(continuation) : undefined,
      compositeIndexes: (indexingPolicy && indexingPolicy.compositeIndexes) || [],
    });
  } catch (err) {
    err.badRequest = true;
    throw err;
  }
}

function compile(documents, sql) {
  try {
    return documents._getQuery(sql);
  } catch (err) {
    throw new HttpError(400, `The local Cosmos DB server cannot parse this query (its engine has no `
      + `DISTINCT, OFFSET/LIMIT or GROUP BY; rewrite the query or use a real account): ${err.message}`);
  }
}

function inPartition(documents, header) {
  // "[{}]" is PartitionKey.NONE: documents without a partition key value.
  if (header === '[{}]') {
    return (doc) => documents._getPartition(doc) === undefined;
  }
  const wanted = parsePartitionKey(header, undefined);
  return (doc) => documents._getPartition(doc) === wanted;
}

module.exports = { isQueryPlanRequest, queryPlan, runQuery };
