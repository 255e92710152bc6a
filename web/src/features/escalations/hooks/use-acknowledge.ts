import { useState } from 'react';
import { useMutation } from 'urql';
import { AcknowledgeEscalationMutation } from '../api/escalations';

export interface AckProblem {
  escalationId: string;
  message: string;
}

/**
 * One action: acknowledge. A colleague who got there first is a CONFLICT, said kindly; the page
 * reads again either way, so it shows who has it.
 */
export function useAcknowledge(refetch: () => void) {
  const [{ fetching }, acknowledge] = useMutation(AcknowledgeEscalationMutation);
  const [problem, setProblem] = useState<AckProblem | null>(null);
  const run = async (escalationId: string) => {
    setProblem(null);
    const result = await acknowledge({ id: escalationId });
    const code = result.error?.graphQLErrors[0]?.extensions.code;
    if (code === 'CONFLICT')
      setProblem({ escalationId, message: 'A colleague acknowledged or resolved this escalation a moment ago. It is shown as it is now.' });
    else if (result.error) setProblem({ escalationId, message: 'The acknowledgement did not go through. Please try again.' });
    refetch();
  };
  return { acknowledge: run, fetching, problem };
}
