#!/usr/bin/env node
// Entry point of the `segment-sheets` command. Node 24 runs the TypeScript sources directly
// (type stripping); `npm ci` installs the pinned Node 24 into node_modules/.bin, which npm
// scripts and npx put first on PATH.
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
