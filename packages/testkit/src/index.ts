export { extractCodeBlock, runReadmeExample } from './readme-example.ts';
export {
  glovePath,
  hasSharedData,
  type ImdbRecord,
  imdbPath,
  loadImdb,
  readImdb,
  sharedDataDir,
  skipBecause,
  skipWithoutSharedData,
} from './shared-data.ts';
