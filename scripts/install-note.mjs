// Root postinstall: pnpm prints the optional @tensorflow/tfjs-node's failed download (a long stack) just above,
// and says nowhere that it does no harm. One line, right where the user looks, says so.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const fromBiLstm = createRequire(new URL('../packages/bilstm/package.json', import.meta.url));
let root;
try {
  root = dirname(fromBiLstm.resolve('@tensorflow/tfjs-node/package.json'));
} catch {
  root = undefined;
}
const lib = root ? join(root, 'lib') : undefined;
const bound =
  lib && existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
if (!bound) {
  console.log(
    'sentikit: the optional @tensorflow/tfjs-node did not install (its download fails offline or without a prebuilt binary): expected and harmless, SentiKit runs on the WebAssembly backend.',
  );
}
