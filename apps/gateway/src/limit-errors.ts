import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// GraphQL Armor words its refusals as syntax errors; these are its four limits.
const armorLimit = /^Syntax Error: ((?:Query depth|Aliases|Token|Query Cost) limit of .*)$/;

/** Rewrites one of GraphQL Armor's refusals as a `QUERY_TOO_COMPLEX` error (HTTP 400); others pass unchanged. */
export function toLimitError<E extends Error>(error: E): E | GraphQLError {
  const match = armorLimit.exec(error.message);
  if (!match) return error;
  return new GraphQLError(`${match[1]} Send a smaller operation (fewer fields, aliases or nesting).`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/** Makes GraphQL Armor's refusals HTTP 400 with `extensions.code` `QUERY_TOO_COMPLEX` and an honest message. */
export function useLimitErrors(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(toLimitError(result));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.some((e) => armorLimit.test(e.message))) setResult(result.map(toLimitError));
      };
    },
  };
}

/**
 * GraphQL Armor options for its validation-time limits (depth, aliases, cost): report the refusal as a
 * validation error, rewritten by {@link toLimitError}, instead of throwing it out of validation (which yoga
 * answered with HTTP 200).
 */
export const reportLimit = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError): void => {
      context?.reportError(toLimitError(error));
    },
  ],
};
