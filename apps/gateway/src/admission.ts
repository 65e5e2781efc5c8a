import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getOperationAST,
  getVariableValues,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AdmitOptions, Ticket } from './batcher.ts';
import type { Classification } from './classifier.ts';
import { GatewayError, toClientError } from './errors.ts';

/** How many texts each classifying field of `Query` sends, from its coerced arguments. */
const textsOf: Record<string, (args: Record<string, unknown>) => number> = {
  classify: () => 1,
  classifyBatch: (args) => (Array.isArray(args['texts']) ? args['texts'].length : 0),
};

/**
 * Counts the texts one operation would send to the model: every `classify` and `classifyBatch` field, under
 * any alias or fragment, after `@skip`/`@include` and variables. Arguments that do not coerce count 0 (their
 * field fails before it could queue anything).
 */
export function countTexts(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): number {
  const operation = getOperationAST(document, operationName);
  const query = schema.getQueryType();
  if (operation?.operation !== 'query' || !query) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const variables = coerced.coerced ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields = query.getFields();
  const included = (node: Parameters<typeof getDirectiveValues>[1]): boolean =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const count = textsOf[selection.name.value];
        const def = fields[selection.name.value];
        if (!count || !def) continue;
        try {
          total += count(getArgumentValues(def, selection, variables));
        } catch {
          // Bad arguments: execution rejects the field before it queues anything.
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation forbids fragment cycles; the guard only keeps a bad document from looping here.
        if (!fragment || seen.has(name)) continue;
        seen.add(name);
        total += walk(fragment.selectionSet);
        seen.delete(name);
      }
    }
    return total;
  };
  return walk(operation.selectionSet);
}

/** What the admission plugin adds to the GraphQL context. */
export interface AdmissionContext {
  /** Room reserved in the queue for this request's texts; absent when it sends none. */
  ticket?: Ticket<Classification>;
}

/** Options of {@link useAdmission}. */
export interface AdmissionOptions {
  /** Most texts one request may send over all its fields and aliases (MAX_REQUEST_TEXTS). */
  maxRequestTexts: number;
  /** Reserves queue room for a whole request. @throws GatewayError when it does not fit */
  admit(count: number, options: AdmitOptions): Ticket<Classification>;
  /** Called with each refusal's code, for metrics. */
  onRefused?(code: string): void;
}

interface ServerContext {
  req?: { socket?: { remoteAddress?: string } };
  request?: Request;
}

/**
 * Admits whole requests: before anything runs, counts every text the operation would classify and reserves
 * queue room for all of them, or refuses the request whole (`TOO_MANY_TEXTS`, `OVERLOADED`, ...) so none of
 * it is computed. The ticket follows the request's abort signal, so a client that goes away leaves nothing
 * queued, and is released when execution ends.
 */
export function useAdmission(options: AdmissionOptions): Plugin<AdmissionContext> {
  return {
    onExecute({ args, extendContext, setResultAndStopExecution }) {
      const count = countTexts(args.schema, args.document, args.operationName, args.variableValues);
      if (count === 0) return;
      const refuse = (error: GatewayError): void => {
        options.onRefused?.(error.code);
        setResultAndStopExecution({ errors: [toClientError(error) as never] });
      };
      if (count > options.maxRequestTexts) {
        refuse(
          new GatewayError(
            'TOO_MANY_TEXTS',
            `the request sends ${count} texts over all its fields; the limit is MAX_REQUEST_TEXTS = ${options.maxRequestTexts}`,
          ),
        );
        return;
      }
      const context = args.contextValue as ServerContext;
      const client = context.req?.socket?.remoteAddress;
      const signal = context.request?.signal;
      let ticket: Ticket<Classification>;
      try {
        ticket = options.admit(count, {
          ...(client !== undefined ? { client } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        refuse(error);
        return;
      }
      extendContext({ ticket });
      return {
        onExecuteDone() {
          ticket.release();
        },
      };
    },
  };
}
