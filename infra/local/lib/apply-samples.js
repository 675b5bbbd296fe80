#!/usr/bin/env node
// Applies the sample pipelines to a running local host (used by `infra/local/doe up`).
//
//   node apply-samples.js PORT SAMPLES_DIR
//
// Every SAMPLES_DIR/<id>.json is PUT to /api/pipelines/<id> (a new version only when it changed).
// Prints, one per line, the id of each pipeline that now exists, so the caller can drop its sample
// files; exits 1 naming the sample and the API's answer when one is refused.
"use strict";

const fs = require("fs");
const path = require("path");

async function apply(port, dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  let failed = false;
  for (const file of files) {
    const id = path.basename(file, ".json");
    const body = fs.readFileSync(path.join(dir, file));
    const res = await fetch(`http://127.0.0.1:${port}/api/pipelines/${id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body,
    });
    const text = await res.text();
    if (res.status === 200 || res.status === 201) {
      const answer = JSON.parse(text);
      const what = res.status === 201 ? "saved as version" : "unchanged at version";
      process.stderr.write(`  sample pipeline ${id}: ${what} ${answer.version}\n`);
      process.stdout.write(`${id}\n`);
    } else {
      process.stderr.write(`  sample pipeline ${id} (${path.join(dir, file)}) was refused: HTTP ${res.status} ${text}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

const [port, dir] = process.argv.slice(2);
if (!port || !dir) {
  process.stderr.write("usage: apply-samples.js PORT SAMPLES_DIR\n");
  process.exit(2);
}
apply(port, dir).then((code) => process.exit(code), (e) => {
  process.stderr.write(`applying the sample pipelines failed: ${e.message}\n`);
  process.exit(1);
});
