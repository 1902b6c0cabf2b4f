#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ (`npm run build` in a checkout; the package npm packs ships it built).
require("../dist/runner/cli.js").main(process.argv.slice(2));
