import { createHash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
function presentedKey(headers: Headers): string | undefined {
  const auth = headers.get('authorization');
  const bearer = auth?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? headers.get('x-api-key')?.trim() ?? undefined;
}

/** Options of {@link useApiKeys}. */
export interface ApiKeyOptions {
  /** Accepted keys; empty turns the check off. */
  keys: readonly string[];
  /** Paths that need a key. */
  paths: readonly string[];
  /** Called on each refused request. @default none */
  onRefused?: () => void;
}

/**
 * Requires one of `keys` on `paths` (CORS preflights pass); anything else is answered 401 with a GraphQL-shaped
 * `UNAUTHENTICATED` error before it is parsed. Keys are compared as SHA-256 digests in constant time.
 */
export function useApiKeys(options: ApiKeyOptions): Plugin {
  const accepted = options.keys.map(digest);
  const paths = new Set(options.paths);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (accepted.length === 0 || !paths.has(url.pathname) || request.method === 'OPTIONS') return;
      const key = presentedKey(request.headers);
      if (key !== undefined) {
        const given = digest(key);
        // Every key is compared, so the time taken does not tell which one nearly matched.
        let ok = false;
        for (const k of accepted) ok = timingSafeEqual(k, given) || ok;
        if (ok) return;
      }
      options.onRefused?.();
      const message =
        'this gateway requires an API key: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"';
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }),
          {
            status: 401,
            headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
          },
        ),
      );
    },
  };
}
