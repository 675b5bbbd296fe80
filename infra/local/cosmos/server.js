'use strict';
// Cosmos DB compatible server of the DOE local stack.
//
//   node infra/local/cosmos/server.js [--host 127.0.0.1] [--port 8081] [--data DIR]
//                                     [--cert FILE --key FILE]
//
// Runs the request handling of npm @vercel/cosmosdb-server (the Cosmos DB REST protocol over an
// in-memory account) in this process, behind the compatibility layer in handler.js that lets the
// Azure Cosmos Java SDK (GATEWAY mode) use it: query plans, partition-scoped queries, 404 for
// missing items, atomic transactional batch with patch, keep-alive, Cosmos-style error bodies,
// and queries in linear rather than quadratic time (linear-query.js).
// With --data, the account is loaded from DIR on start and saved there (snapshot.js) shortly after
// writes and on shutdown.
//
// TLS: the Java SDK only speaks HTTPS. By default the server uses cosmosdb-server's bundled
// self-signed certificate, which has expired and names no host, so the client must skip
// certificate validation (Java: system property
// COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED=true; DOE: CosmosTlsInsecure=true).
// Local use only. --cert/--key serve another PEM certificate instead.

const fs = require('fs');
const https = require('https');
const path = require('path');
const Account = require('@vercel/cosmosdb-server/lib/account').default;
const { createRequestListener } = require('./handler');
const linearQuery = require('./linear-query');
const snapshot = require('./snapshot');

const SAVE_DELAY_MS = 1000;
const PACKAGE_DIR = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));

function usage(message) {
  if (message) {
    console.error(`cosmos: ${message}`);
  }
  console.error('usage: node server.js [--host 127.0.0.1] [--port 8081] [--data DIR] [--cert FILE --key FILE]');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { host: '127.0.0.1', port: 8081 };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '-h' || name === '--help') {
      usage();
    }
    if (!['--host', '--port', '--data', '--cert', '--key'].includes(name)) {
      usage(`unknown option ${name}`);
    }
    if (value === undefined) {
      usage(`${name} needs a value`);
    }
    args[name.slice(2)] = value;
    i += 1;
  }
  args.port = Number(args.port);
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    usage(`--port must be a port number, not ${args.port}`);
  }
  if (Boolean(args.cert) !== Boolean(args.key)) {
    usage('--cert and --key go together');
  }
  return args;
}

function tlsOptions(args) {
  return {
    cert: fs.readFileSync(args.cert || path.join(PACKAGE_DIR, 'cert.pem')),
    key: fs.readFileSync(args.key || path.join(PACKAGE_DIR, 'key.pem')),
  };
}

/** Saves the account at most once per SAVE_DELAY_MS after writes, and on demand. */
function snapshotter(getAccount, dir) {
  let timer = null;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    try {
      snapshot.save(getAccount(), dir);
    } catch (err) {
      console.error(`cosmos: cannot save the snapshot to ${dir}: ${err.message}`);
    }
  };
  return {
    changed() {
      if (!timer) {
        timer = setTimeout(flush, SAVE_DELAY_MS);
      }
    },
    flushIfPending() {
      if (timer) {
        flush();
      }
    },
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  linearQuery.install();
  if (args.data) {
    fs.mkdirSync(args.data, { recursive: true });
  }
  let account = null;
  const saver = args.data ? snapshotter(() => account, args.data) : null;
  const listener = createRequestListener(() => account, { onWrite: saver ? saver.changed : undefined });
  const server = https.createServer(tlsOptions(args), listener);
  // Longer than the SDK's idle connection timeout (60 s), so the client closes idle connections
  // first and never reuses one the server is closing.
  server.keepAliveTimeout = 120000;
  server.headersTimeout = 121000;

  server.on('error', (err) => {
    if (err.code === 'EADDRINUSE') {
      console.error(`cosmos: port ${args.port} on ${args.host} is already in use; `
        + 'stop the process holding it or pass another --port');
    } else {
      console.error(`cosmos: cannot listen on ${args.host}:${args.port}: ${err.message}`);
    }
    process.exit(1);
  });

  server.listen(args.port, args.host, () => {
    const { address, port } = server.address();
    // The account advertises its endpoint; the SDK sends later requests there.
    const advertised = address === '0.0.0.0' || address === '::' ? 'localhost' : args.host;
    account = new Account(advertised, port);
    let loaded = '';
    if (args.data) {
      try {
        const count = snapshot.load(account, args.data);
        loaded = `, ${count} document${count === 1 ? '' : 's'} loaded from ${args.data}`;
      } catch (err) {
        console.error(`cosmos: ${err.message}`);
        process.exit(1);
      }
    }
    console.log(`cosmos: ready at https://${advertised}:${port}/ (pid ${process.pid}${loaded})`);
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      return;
    }
    stopping = true;
    server.close();
    server.closeAllConnections();
    if (saver) {
      saver.flushIfPending();
    }
    console.log(`cosmos: stopped on ${signal}`);
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main();
