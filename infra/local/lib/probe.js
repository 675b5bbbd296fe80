#!/usr/bin/env node
// Protocol-level readiness probes and port helpers for the local stack (used by infra/local/doe).
//
//   node probe.js free-port                 prints a free loopback TCP port
//   node probe.js in-use PORT               exit 0 when something listens on 127.0.0.1:PORT
//   node probe.js KIND PORT [TIMEOUT_MS]    exit 0 once the service answers its own protocol
//
// KIND is one of: blob (an HTTP reply from Azurite), kafka (an ApiVersions response without error),
// cosmos (an HTTPS reply), bolt (a Bolt handshake that agrees on a version), http (an HTTP 200).
// An open port alone never counts as ready.
"use strict";

const net = require("net");
const http = require("http");
const https = require("https");

const HOST = "127.0.0.1";

function httpReply(client, port, path, acceptStatus) {
  return new Promise((resolve) => {
    const req = client.get({ host: HOST, port, path, timeout: 2000, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(acceptStatus(res.statusCode));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

// Sends `request` on a fresh connection and resolves with the first `replyBytes` bytes (or null).
function exchange(port, request, replyBytes) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    let received = Buffer.alloc(0);
    const done = (value) => { socket.destroy(); resolve(value); };
    socket.setTimeout(2000, () => done(null));
    socket.on("error", () => done(null));
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= replyBytes) done(received);
    });
    socket.on("end", () => done(received.length >= replyBytes ? received : null));
  });
}

// Kafka ApiVersions v0: size, api key 18, version 0, correlation id, client id "doe-probe".
async function kafkaReady(port) {
  const clientId = Buffer.from("doe-probe");
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(7357, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  const reply = await exchange(port, Buffer.concat([size, body]), 10);
  return reply !== null && reply.readInt32BE(4) === 7357 && reply.readInt16BE(8) === 0;
}

// Bolt handshake: magic 0x6060B017, then four proposals; 5.0-5.8 (as a range) and 4.4.
async function boltReady(port) {
  const handshake = Buffer.from([
    0x60, 0x60, 0xb0, 0x17,
    0x00, 0x08, 0x08, 0x05,
    0x00, 0x00, 0x04, 0x04,
    0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  ]);
  const reply = await exchange(port, handshake, 4);
  return reply !== null && reply.readUInt32BE(0) !== 0;
}

function inUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.setTimeout(1000, () => { socket.destroy(); resolve(false); });
    socket.on("connect", () => { socket.destroy(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const probes = {
  blob: (port) => httpReply(http, port, "/devstoreaccount1?comp=list", () => true),
  cosmos: (port) => httpReply(https, port, "/", () => true),
  http: (port) => httpReply(http, port, "/api/health", (status) => status === 200),
  kafka: kafkaReady,
  bolt: boltReady,
};

async function main() {
  const [command, portText, timeoutText] = process.argv.slice(2);
  if (command === "free-port") {
    console.log(await freePort());
    return 0;
  }
  const port = Number.parseInt(portText, 10);
  if (!Number.isInteger(port)) {
    console.error(`probe: expected a port number, got '${portText}'`);
    return 2;
  }
  if (command === "in-use") return (await inUse(port)) ? 0 : 1;
  const probe = probes[command];
  if (!probe) {
    console.error(`probe: unknown kind '${command}' (expected ${Object.keys(probes).join(", ")})`);
    return 2;
  }
  const deadline = Date.now() + Number.parseInt(timeoutText || "0", 10);
  for (;;) {
    if (await probe(port)) return 0;
    if (Date.now() >= deadline) return 1;
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().then((code) => process.exit(code), (err) => { console.error(`probe: ${err.message}`); process.exit(2); });
