#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci`).
require("../dist/runner/cli.js").main(process.argv.slice(2));
