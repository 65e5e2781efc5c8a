// Test doubles for code that embeds the gateway: `@sentikit/gateway/testing`.
export { createFakeClassifier, type FakeClassifierOptions } from './fake-classifier.ts';
