// The server entry: runs the gateway in this process (see main.ts). `pnpm start` passes `--dev`.
import { runGateway } from './main.ts';

await runGateway({
  argv: process.argv.slice(2),
  env: process.env,
  signals: process,
  exit: (code) => process.exit(code),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
