import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { operationCost } from './query-cost';

const schema = buildSchema(`
  type Query { threads(first: Int): ThreadConnection! tags: [Tag!]! }
  type ThreadConnection { edges: [ThreadEdge!]! pageInfo: PageInfo! }
  type ThreadEdge { cursor: String! node: Thread! }
  type PageInfo { hasNextPage: Boolean! }
  type Thread { id: ID! title: String! tags: [Tag!]! labels: [String!]! }
  type Tag { name: String! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number | null {
  return operationCost(schema, parse(query), undefined, variables);
}

describe('operationCost', () => {
  it('should multiply a connection by its first argument, and not its edges again', () => {
    // threads: 1 + 10 x (edges 1 + node (1 + id 1)) = 31
    expect(cost('{ threads(first: 10) { edges { node { id } } } }')).toBe(31);
  });

  it('should use the default page size when first is absent', () => {
    expect(cost('{ threads { edges { node { id } } } }')).toBe(1 + 20 * 3);
  });

  it('should resolve first from the variables', () => {
    const query = 'query($n: Int) { threads(first: $n) { edges { node { id } } } }';
    expect(cost(query, { n: 100 })).toBe(1 + 100 * 3);
    expect(cost(query, { n: 2 })).toBe(1 + 2 * 3);
    expect(cost(query, {})).toBe(1 + 20 * 3);
  });

  it('should cost a first beyond the maximum page as the maximum page', () => {
    expect(cost('{ threads(first: 100000) { edges { node { id } } } }')).toBe(1 + 100 * 3);
  });

  it('should count ten items for a plain list of objects, and one field for a list of scalars', () => {
    expect(cost('{ tags { name } }')).toBe(1 + 10 * 1);
    // threads: 1 + 5 x (edges 1 + node (1 + labels 1 + tags (1 + 10 x 1)))
    expect(cost('{ threads(first: 5) { edges { node { labels tags { name } } } } }')).toBe(1 + 5 * (1 + 1 + 1 + 11));
  });

  it('should cost introspection flat, so the standard query fits', () => {
    expect(cost(getIntrospectionQuery())).toBeLessThan(500);
  });

  it('should answer null when the variables do not fit, and infinity past the node bound', () => {
    expect(cost('query($n: Int) { threads(first: $n) { edges { node { id } } } }', { n: 'many' })).toBeNull();
    const fragment = `fragment F on Thread { ${Array.from({ length: 200 }, (_, i) => `a${i}: id`).join(' ')} }`;
    const spreads = Array.from({ length: 60 }, () => '...F').join(' ');
    expect(cost(`{ threads(first: 1) { edges { node { ${spreads} } } } } ${fragment}`)).toBe(Number.POSITIVE_INFINITY);
  });
});
