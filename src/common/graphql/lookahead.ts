import { GraphQLResolveInfo, Kind, ValueNode } from 'graphql';

/**
 * The arguments of the first field called `name` directly under the field being resolved (an
 * alias is fine; fields inside fragments are not looked at), or null when it is not asked for.
 * Lets a resolver read what its children will need in one statement; a child asked for in a way
 * this does not see still resolves as it would without it, so a miss costs speed, never answers.
 */
export function selectedChildArgs(info: GraphQLResolveInfo, name: string): Record<string, unknown> | null {
  for (const node of info.fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD || selection.name.value !== name) continue;
      const args: Record<string, unknown> = {};
      for (const arg of selection.arguments ?? []) args[arg.name.value] = valueOf(arg.value, info.variableValues);
      return args;
    }
  }
  return null;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.STRING:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.BOOLEAN:
    case Kind.ENUM:
    case Kind.FLOAT:
    case Kind.LIST:
    case Kind.OBJECT:
      return undefined; // not a page argument: the field refuses it itself
  }
}
