'use strict';
// Transactional batch and bulk: POST .../docs with header x-ms-cosmos-is-batch-request.
//
// Gaps in cosmosdb-server's batch handler, filled here:
// - Partition key per operation: a transactional batch (CosmosBatch) carries its partition key in
//   the request header only; bulk operations carry their own. The server reads the operation's key
//   only and fails (500) on transactional batches. Each operation now falls back to the header.
// - Patch: the server rejects a batch holding a Patch operation. Patch runs through the server's
//   own patch implementation, as a single-item PATCH does.
// - Atomicity: the server applies operations one by one and keeps those before a failure. For an
//   atomic batch (x-ms-cosmos-batch-atomic) we remember each touched item's prior state and put it
//   back when an operation fails, so the SDK observes all or nothing. The event loop runs one
//   request at a time, so no other request can see the intermediate state.
// - Status: a failed batch is answered 207 Multi-Status with the failing operation's own status
//   and 424 Failed Dependency for the others, as Cosmos DB does; the SDK reports the failing
//   operation's status as the batch's status.

const operations = require('@vercel/cosmosdb-server/lib/handler/_document-operations');
const { patchOperation } = require('@vercel/cosmosdb-server/lib/handler/_patch-operations');
const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header');
const { errorBody, statusForException, HttpError } = require('./errors');

const RUNNERS = {
  Create: operations.createOperation,
  Upsert: operations.upsertOperation,
  Read: operations.readOperation,
  Delete: operations.deleteOperation,
  Replace: operations.replaceOperation,
  Patch: (collection, input) => patchOperation(collection, {
    id: input.id,
    partitionKey: input.partitionKey,
    ifMatch: input.ifMatch,
    operations: (input.resourceBody && input.resourceBody.operations) || [],
    condition: input.resourceBody && input.resourceBody.condition,
  }),
};

/**
 * Executes a batch request body (an array of operations) against `collection`.
 * Returns {status, results}: status 200 when every operation succeeded, otherwise 207.
 */
function executeBatch(collection, ops, { partitionKeyHeader, atomic, continueOnError }) {
  if (!Array.isArray(ops)) {
    throw new HttpError(400, 'The batch request body must be a JSON array of operations.');
  }
  const unknown = ops.find((op) => !op || !RUNNERS[op.operationType]);
  if (unknown) {
    const type = unknown && unknown.operationType;
    throw new HttpError(400, `Operation type '${type}' is not supported in a batch.`);
  }
  const undo = atomic ? new UndoLog(collection) : null;
  let results = [];
  let failed = false;
  for (const op of ops) {
    if (failed && (atomic || !continueOnError)) {
      results.push({ statusCode: 424, requestCharge: 0 });
      continue;
    }
    const input = { ...op, partitionKey: op.partitionKey || partitionKeyHeader };
    const result = runOperation(collection, input, undo);
    if (result.statusCode >= 400) {
      failed = true;
      const body = errorBody(result.statusCode, result.body);
      results.push({ statusCode: result.statusCode, requestCharge: 0, message: body.message });
    } else {
      results.push({
        statusCode: result.statusCode,
        requestCharge: 1,
        eTag: result.body ? result.body._etag : undefined,
        resourceBody: result.body,
      });
    }
  }
  if (failed && atomic) {
    undo.rollback();
    results = results.map((r) => (r.statusCode < 400 ? { statusCode: 424, requestCharge: 0 } : r));
  }
  return { status: failed ? 207 : 200, results };
}

function runOperation(collection, input, undo) {
  try {
    const mismatch = partitionMismatch(collection, input);
    if (mismatch) {
      return { statusCode: 400, body: { message: mismatch } };
    }
    if (undo) {
      undo.remember(input);
    }
    return RUNNERS[input.operationType](collection, input);
  } catch (err) {
    const statusCode = statusForException(err);
    return { statusCode, body: { message: err.message } };
  }
}

/** Why a document's own partition key value contradicts the operation's key, or null. */
function partitionMismatch(collection, input) {
  const body = input.resourceBody;
  if (input.operationType === 'Patch' || !body || !input.partitionKey || input.partitionKey === '[{}]') {
    return null;
  }
  const expected = parsePartitionKey(input.partitionKey, body.id);
  const actual = collection.documents._getPartition(body);
  if (actual === expected) {
    return null;
  }
  return `The partition key of item '${body.id}' (${JSON.stringify(actual)}) does not match `
    + `the batch partition key ${input.partitionKey}.`;
}

/** Prior states of the items an atomic batch touched, to put back when the batch fails. */
class UndoLog {
  constructor(collection) {
    this.documents = collection.documents;
    this.collection = collection;
    this.entries = new Map();
  }

  remember(input) {
    const body = input.resourceBody;
    const hasDocument = input.operationType !== 'Patch' && body && body.id !== undefined;
    const id = hasDocument ? body.id : input.id;
    const partition = hasDocument
      ? this.documents._getPartition(body)
      : parsePartitionKey(input.partitionKey, id);
    const key = JSON.stringify([partition === undefined ? null : partition, id]);
    if (!this.entries.has(key)) {
      const prior = this.collection.document(id, partition).read() || null;
      this.entries.set(key, { id, partition, prior });
    }
  }

  rollback() {
    for (const { id, partition, prior } of this.entries.values()) {
      if (this.collection.document(id, partition).read()) {
        this.documents.delete(id, partition);
      }
      if (prior) {
        this.documents._set(prior);
      }
    }
  }
}

module.exports = { executeBatch };
