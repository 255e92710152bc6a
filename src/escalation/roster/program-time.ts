/**
 * Times shown to people in the program's time zone (`PROGRAM_TIME_ZONE`); everything is stored in
 * UTC. E.g. "Wed, Dec 2, 14:05 EST".
 */
export function programTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}
