'use strict';
// Process-level behaviour of server.js that the Java integration test cannot see: the ready
// line, a taken port, clean stops, and data surviving a restart with --data.
// Run: node --test infra/local/cosmos/

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const SERVER = path.join(__dirname, 'server.js');

/** Starts the server on a free port; resolves {child, port} once it prints its ready line. */
function start(...extra) {
  const child = spawn(process.execPath, [SERVER, '--host', '127.0.0.1', '--port', '0', ...extra]);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = /ready at https:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (ready) {
        resolve({ child, port: Number(ready[1]), output });
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

function stop(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

function request(port, method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port, method, path: urlPath, rejectUnauthorized: false,
      headers: { 'content-type': 'application/json', ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: JSON.parse(text || 'null') }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test('a taken port exits non-zero with a message naming the port', async () => {
  const { child, port } = await start();
  try {
    const second = spawn(process.execPath, [SERVER, '--host', '127.0.0.1', '--port', String(port)]);
    let stderr = '';
    second.stderr.on('data', (chunk) => { stderr += chunk; });
    const code = await new Promise((resolve) => second.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`port ${port} .*already in use`));
  } finally {
    await stop(child);
  }
});

test('replies keep the connection alive and SIGINT stops cleanly', async () => {
  const { child, port } = await start();
  const reply = await request(port, 'GET', '/');
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.connection, 'keep-alive');
  assert.equal(await stop(child, 'SIGINT'), 0);
});

test('documents survive a restart with --data, with their resource ids and etags', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doe-cosmos-'));
  const partition = { 'x-ms-documentdb-partitionkey': '["a"]' };
  try {
    let { child, port } = await start('--data', dir);
    await request(port, 'POST', '/dbs', { id: 'db' });
    await request(port, 'POST', '/dbs/db/colls', { id: 'c', partitionKey: { paths: ['/pk'], kind: 'Hash' } });
    const created = await request(port, 'POST', '/dbs/db/colls/c/docs', { id: 'd1', pk: 'a' }, partition);
    assert.equal(created.status, 201);
    assert.equal(await stop(child), 0);

    ({ child, port } = await start('--data', dir));
    try {
      const read = await request(port, 'GET', '/dbs/db/colls/c/docs/d1', undefined, partition);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);
      const next = await request(port, 'POST', '/dbs/db/colls/c/docs', { id: 'd2', pk: 'a' }, partition);
      assert.equal(next.status, 201);
      assert.notEqual(next.body._rid, created.body._rid);
    } finally {
      await stop(child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reading a missing item is a Cosmos-style 404', async () => {
  const { child, port } = await start();
  try {
    await request(port, 'POST', '/dbs', { id: 'db' });
    await request(port, 'POST', '/dbs/db/colls', { id: 'c', partitionKey: { paths: ['/pk'], kind: 'Hash' } });
    const reply = await request(port, 'GET', '/dbs/db/colls/c/docs/nope', undefined,
      { 'x-ms-documentdb-partitionkey': '["a"]' });
    assert.equal(reply.status, 404);
    assert.equal(reply.body.code, 'NotFound');
  } finally {
    await stop(child);
  }
});

test('writes reach the snapshot shortly after they happen, without a clean stop', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doe-cosmos-'));
  try {
    let { child, port } = await start('--data', dir);
    await request(port, 'POST', '/dbs', { id: 'kept' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stop(child, 'SIGKILL');

    ({ child, port } = await start('--data', dir));
    try {
      assert.equal((await request(port, 'GET', '/dbs/kept')).status, 200);
    } finally {
      await stop(child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
