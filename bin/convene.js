#!/usr/bin/env node
// `npx convene` runs the TypeScript sources directly, as `npm start` does: tsx is registered
// first, then the command is loaded (a dynamic import, so that it comes after the register).
import { register } from 'tsx/esm/api';

register();
const { runConvene } = await import('../src/cli/convene.ts');
process.exitCode = await runConvene(process.argv.slice(2));
