// Runs a WASI command module under Node's WASI, the reference for the C
// tests' output where Node behaves correctly:
//   node-wasi.mjs [--env=NAME=VALUE]... app.wasm [args...]
// Exits with the program's status. (Node's WASI is no sandbox: it follows
// symlinks out of preopened directories, so it is never a reference there.)
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const env = {};
while (argv.length && argv[0].startsWith('--env=')) {
  const grant = argv.shift().slice('--env='.length);
  const eq = grant.indexOf('=');
  env[grant.slice(0, eq)] = grant.slice(eq + 1);
}
const [file, ...args] = argv;
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env,
                        returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
