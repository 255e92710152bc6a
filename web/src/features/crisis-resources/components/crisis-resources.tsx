import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { CrisisResourcesQuery } from '../api/crisis-resources';
import { CallList } from './call-list';
import { ResourceText } from './resource-text';

/** What the page says when the service cannot be reached: the national line, so help never depends on the server. */
const FALLBACK_RESOURCES = 'You can call or text 988 any time, day or night. If you are in immediate danger, call 911.';

/**
 * The program's crisis resources, written to safe-messaging guidance: warm, direct, hopeful, a
 * number to tap first, nothing graphic, no alarm words. Public: it works signed out too.
 */
export function CrisisResources() {
  const [{ data, fetching, error }] = useQuery({ query: CrisisResourcesQuery, requestPolicy: 'cache-first' });
  if (fetching && !data) return <Loading what="Loading the numbers you can call" />;
  const text = data?.crisisResources ?? (error ? FALLBACK_RESOURCES : '');
  return (
    <div className="crisis-resources">
      <p className="lead">You do not have to wait, and you do not have to go through this alone. Talking to someone right now can help.</p>
      <CallList text={text} />
      <div className="inset inset--info">
        <p className="crisis-resources__text">
          <ResourceText text={text} />
        </p>
      </div>
      <h2>Your care team is here for you</h2>
      <p>
        If you are in the program, your care team can help you make a plan for moments like this. You can also tell a peer specialist in any space that you need
        to talk.
      </p>
    </div>
  );
}
