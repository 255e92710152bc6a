import { programTime } from './roster/program-time';

/** What an email page says: no PHI (no post text, no pseudonym, no client id), only what gets a clinician to the app. */
export interface EscalationEmailFacts {
  escalationId: string;
  severity: string;
  level: number;
  ackDueAt: Date;
  timeZone: string;
  publicBaseUrl: string;
}

export function escalationLink(publicBaseUrl: string, escalationId: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/escalations/${escalationId}`;
}

export function escalationEmail(facts: EscalationEmailFacts): { subject: string; text: string } {
  const due = programTime(facts.ackDueAt, facts.timeZone);
  const link = escalationLink(facts.publicBaseUrl, facts.escalationId);
  return {
    subject: `Risk escalation (${facts.severity}): please acknowledge by ${due}`,
    text: [
      `A client may need a clinician.`,
      ``,
      `Severity: ${facts.severity}`,
      `Paging level: ${facts.level}`,
      `Acknowledge by: ${due}`,
      ``,
      `Open the escalation (sign-in required): ${link}`,
      ``,
      `This message carries no client details on purpose. If you cannot respond, do nothing: it goes to a wider group when nobody acknowledges.`,
    ].join('\n'),
  };
}
