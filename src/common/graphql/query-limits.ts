import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  InlineFragmentNode,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting allowed. */
  maxDepth: number;
  /** Aliased fields per document: aliases are how one request multiplies its own cost. */
  maxAliases: number;
  /** Estimated fields resolved, multiplying lists by their `first` argument. */
  maxCost: number;
  /** Multiplier for a list field without `first` (connections default to 20). */
  defaultListSize: number;
  /** Longest query document accepted: the whole contract fits in a fraction of this. */
  maxDocumentChars: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxCost: 20_000, defaultListSize: 20, maxDocumentChars: 20_000 };

const CONNECTION_ARG = 'first';

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Walks each operation once, following fragments, and measures depth, aliases and cost. A
 * fragment cycle is already a validation error of its own; `seen` keeps this walk finite.
 */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  multiplier: number,
  seen: Set<string>,
  totals: { maxDepth: number; aliases: number; cost: number },
  limits: QueryLimits,
): void {
  totals.maxDepth = Math.max(totals.maxDepth, depth);
  if (totals.maxDepth > limits.maxDepth || totals.cost > limits.maxCost || totals.aliases > limits.maxAliases) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field: FieldNode = selection;
      if (field.alias) totals.aliases += 1;
      totals.cost += multiplier;
      if (field.selectionSet) {
        measure(field.selectionSet, fragments, depth + 1, multiplier * listSize(field, limits), seen, totals, limits);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inline: InlineFragmentNode = selection;
      measure(inline.selectionSet, fragments, depth, multiplier, seen, totals, limits);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      measure(fragment.selectionSet, fragments, depth, multiplier, seen, totals, limits);
      seen.delete(name);
    }
  }
}

/** A literal `first` counts as given; a variable (unknown at validation) as the default page size. */
function listSize(field: FieldNode, limits: QueryLimits): number {
  const arg = field.arguments?.find((a) => a.name.value === CONNECTION_ARG);
  if (!arg) return 1;
  if (arg.value.kind === Kind.INT) return Math.max(1, Number(arg.value.value));
  return limits.defaultListSize;
}

/** A validation rule refusing documents that are too long, too deep, too aliased or too costly. */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const length = context.getDocument().loc?.source.body.length ?? 0;
    if (length > limits.maxDocumentChars) {
      context.reportError(limitError(`The query document is too large (more than ${limits.maxDocumentChars} characters).`));
      return {};
    }
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const totals = { maxDepth: 0, aliases: 0, cost: 0 };
        measure(operation.selectionSet, fragments, 1, 1, new Set(), totals, limits);
        if (totals.maxDepth > limits.maxDepth) context.reportError(limitError(`Query is too deep (more than ${limits.maxDepth} levels).`));
        else if (totals.aliases > limits.maxAliases) context.reportError(limitError(`Query uses too many aliases (more than ${limits.maxAliases}).`));
        else if (totals.cost > limits.maxCost) context.reportError(limitError(`Query asks for too much at once (cost above ${limits.maxCost}).`));
      },
    };
  };
}
