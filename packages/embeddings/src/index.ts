export type { EmbeddingsFormat } from './detect-format.ts';
export { detectFormat, embeddingsFormatSchema } from './detect-format.ts';
export {
  EmbeddingsError,
  type EmbeddingsErrorCode,
  EmbeddingsFormatError,
  type EmbeddingsFormatErrorCode,
  type FormatErrorLocation,
} from './errors.ts';
export { type Coverage, type Embeddings, loadEmbeddings } from './load-embeddings.ts';
export { type LoadedVectors, loadVectors } from './load-vectors.ts';
export type { OovStrategy } from './oov-rows.ts';
export {
  type LoadEmbeddingsOptions,
  type LoadVectorsOptions,
  loadEmbeddingsOptionsSchema,
  loadVectorsOptionsSchema,
} from './options.ts';
export type { ProgressCallback } from './source.ts';
export type { EmbeddingVocabulary } from './vocabulary.ts';
export { cosineSimilarity, type Neighbour, WordVectors } from './word-vectors.ts';
export { formatFloat32, type WriteVectorsOptions, writeVectors } from './write-vectors.ts';
