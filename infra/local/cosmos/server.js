#!/usr/bin/env node
// The Cosmos DB compatible server of the local stack: @vercel/cosmosdb-server over HTTPS on loopback.
//   node server.js --host 127.0.0.1 --port 8081 [--data DIR]
"use strict";

const { createHttpsServer } = require("@vercel/cosmosdb-server");

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const host = option("--host", "127.0.0.1");
const port = Number.parseInt(option("--port", "8081"), 10);
const server = createHttpsServer();
server.on("error", (err) => {
  console.error(err.code === "EADDRINUSE" ? `port ${port} is already in use on ${host}` : err.message);
  process.exit(1);
});
server.listen(port, host, () => console.log(`Cosmos DB compatible server ready on https://${host}:${port}/`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
