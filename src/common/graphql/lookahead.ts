import { GraphQLResolveInfo, Kind, SelectionNode, ValueNode } from 'graphql';

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

/**
 * Whether the selection under the field being resolved may reach the field chain `path` (by field
 * name, aliases allowed), through named and inline fragments alike. The opposite bias to the one
 * above: it may answer yes for a field that is not asked for (a type condition or an @include it
 * does not evaluate), never no for one that is, so a resolver can leave out work for figures that
 * are surely not wanted and nothing asked for is ever missing.
 */
export function mayBeSelected(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const reaches = (selections: readonly SelectionNode[], depth: number, seen: ReadonlySet<string>): boolean =>
    selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value !== path[depth]) return false;
          return depth === path.length - 1 || reaches(selection.selectionSet?.selections ?? [], depth + 1, seen);
        case Kind.INLINE_FRAGMENT:
          return reaches(selection.selectionSet.selections, depth, seen);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = info.fragments[name];
          // An unknown fragment cannot be read: say yes rather than guess.
          if (!fragment) return true;
          return !seen.has(name) && reaches(fragment.selectionSet.selections, depth, new Set([...seen, name]));
        }
      }
    });
  return info.fieldNodes.some((node) => reaches(node.selectionSet?.selections ?? [], 0, new Set()));
}
