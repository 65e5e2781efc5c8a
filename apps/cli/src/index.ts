export { type ExitCode, runCli } from './run-cli.ts';
