import { Link } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { SpacesQuery } from '../api/spaces';

/** The spaces this member may read and post in, as a list of big links. */
export function SpaceList() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SpacesQuery });
  if (fetching && !data) return <Loading what="Loading spaces" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  if (data.spaces.length === 0) return <p>There are no spaces for you yet. Your program will add you soon.</p>;
  return (
    <ul className="card-list">
      {data.spaces.map((space) => (
        <li key={space.id} className="card">
          <h2 className="card__title">
            <Link href={`/spaces/${space.id}`} className="card__link">
              {space.name}
            </Link>
          </h2>
          <p className="card__text">{space.description}</p>
        </li>
      ))}
    </ul>
  );
}

/** A space's name for headings, from the same (cached) list. */
export function useSpaceName(spaceId: string): string | null {
  const [{ data }] = useQuery({ query: SpacesQuery, requestPolicy: 'cache-first' });
  return data?.spaces.find((space) => space.id === spaceId)?.name ?? null;
}
