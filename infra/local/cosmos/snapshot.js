'use strict';
// Persistence: snapshots of the whole account in one JSON file.
//
// Gap: cosmosdb-server keeps everything in memory, so restarting the local stack would lose
// pipelines, runs and schemas. The account is a tree of plain objects (databases, collections,
// documents, user-defined functions), each level an `Items` map keyed by resource id plus a
// counter for new resource ids. A snapshot records every stored resource as it is, with its
// resource id, etag and timestamp, and the counters; loading puts them back through the same
// `_set` the server uses when it stores a resource, so resource ids, etags and `_self` links are
// unchanged across a restart and clients holding cached ids keep working.
//
// Files are written to a temporary name, flushed and renamed, so a crash leaves either the
// previous snapshot or the new one, never a torn file.

const fs = require('fs');
const path = require('path');

const FILE = 'account.json';
const FORMAT = 1;

function itemsOf(items) {
  return [...items._data.values()].map((item) => item.read());
}

/** The account's state as a plain JSON-serialisable object. */
function capture(account) {
  return {
    format: FORMAT,
    databases: {
      ridCount: account.databases._ridCount,
      items: [...account.databases._data.values()].map((database) => ({
        data: database.read(),
        collections: {
          ridCount: database.collections._ridCount,
          items: [...database.collections._data.values()].map((collection) => ({
            data: collection.read(),
            documents: { ridCount: collection.documents._ridCount, items: itemsOf(collection.documents) },
            udfs: itemsOf(collection.userDefinedFunctions),
          })),
        },
      })),
    },
  };
}

/** Puts a captured state into a fresh, empty account. */
function restore(account, state) {
  if (state.format !== FORMAT) {
    throw new Error(`unsupported snapshot format ${state.format} (expected ${FORMAT})`);
  }
  account.databases._ridCount = state.databases.ridCount;
  for (const db of state.databases.items) {
    account.databases._set(db.data);
    const database = account.database(db.data.id);
    database.collections._ridCount = db.collections.ridCount;
    for (const coll of db.collections.items) {
      database.collections._set(coll.data);
      const collection = database.collection(coll.data.id);
      collection.documents._ridCount = coll.documents.ridCount;
      for (const doc of coll.documents.items) {
        collection.documents._set(doc);
      }
      for (const udf of coll.udfs) {
        collection.userDefinedFunctions.upsert({ id: udf.id, body: udf.body });
      }
    }
  }
}

/** Writes the account to DIR/account.json atomically. */
function save(account, dir) {
  const target = path.join(dir, FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(capture(account)));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
}

/** Loads DIR/account.json into the account if it exists; returns the number of documents loaded. */
function load(account, dir) {
  const file = path.join(dir, FILE);
  if (!fs.existsSync(file)) {
    return 0;
  }
  let state;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read snapshot ${file}: ${err.message}; move it away to start empty`);
  }
  restore(account, state);
  return state.databases.items
    .flatMap((db) => db.collections.items)
    .reduce((sum, coll) => sum + coll.documents.items.length, 0);
}

module.exports = { save, load };
