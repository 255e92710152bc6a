import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { mayBeSelected } from './lookahead';

const schema = buildSchema(`
  type Times { p50: Int }
  type Moderation { opened: Int times: Times byPriority: [Moderation!]! }
  type Point { moderation: Moderation }
  type Series { points: [Point!]! }
  type Query { series: Series }
`);

/** What mayBeSelected says for `path` under the `series` field of `query`. */
async function sut(query: string, path: string[]): Promise<boolean> {
  let answer: boolean | null = null;
  const result = await graphql({
    schema,
    source: query,
    rootValue: {
      series: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        answer = mayBeSelected(info, path);
        return { points: [] };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return answer!;
}

const TIMES = ['points', 'moderation', 'times'];

describe(mayBeSelected.name, () => {
  it('should find a field chain asked for directly, under an alias', async () => {
    expect(await sut('{ series { points { m: moderation { times { p50 } } } } }', TIMES)).toBe(true);
  });

  it('should say no when the chain is not asked for', async () => {
    expect(await sut('{ series { points { moderation { opened byPriority { times { p50 } } } } } }', TIMES)).toBe(false);
    expect(await sut('{ series { points { moderation { opened } } } }', ['points', 'moderation', 'byPriority', 'times'])).toBe(false);
  });

  it('should follow named and inline fragments, at any depth', async () => {
    const named = `{ series { ...S } } fragment S on Series { points { moderation { ...M } } } fragment M on Moderation { opened times { p50 } }`;
    expect(await sut(named, TIMES)).toBe(true);
    expect(await sut('{ series { points { ... on Point { moderation { ... { times { p50 } } } } } } }', TIMES)).toBe(true);
    expect(await sut(`{ series { ...S } } fragment S on Series { points { moderation { opened } } }`, TIMES)).toBe(false);
  });

  it('should say yes for a field it cannot rule out (skipped by a directive it does not evaluate)', async () => {
    expect(await sut('{ series { points { moderation { times @skip(if: true) { p50 } } } } }', TIMES)).toBe(true);
  });
});
