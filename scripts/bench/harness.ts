/**
 * What the benchmarks and drills need beyond the shared environment (test/utils): tokens for
 * many members, a GraphQL client that throws on errors, CPU accounting of a process and latency
 * percentiles. Nothing here talks to anything but 127.0.0.1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { signDevToken } from '../../src/common/auth/dev-token';
import { Role } from '../../src/common/domain/role.enum';
import { TEST_JWT_SECRET } from '../../test/utils/environment';
import { postGraphql } from '../../test/utils/graphql';
import type { ProductionSigner } from './production-tokens';

/** CPU time (user + system) a process has used so far, in milliseconds. Linux /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

/**
 * CPU milliseconds of every process on the machine whose command name is `comm` (e.g. `postgres`:
 * the server and all its backends, this run's and anyone else's on the machine).
 */
export function cpuMsOfCommand(comm: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === comm) total += cpuMs(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** Set while a production-mode environment runs (production-tokens.ts): its tokens are RS256 from the run's JWKS. */
let productionSigner: ProductionSigner | null = null;

export function useProductionSigner(signer: ProductionSigner | null): void {
  productionSigner = signer;
}

export function tokenFor(sub: string, role: Role, name?: string): Promise<string> {
  if (productionSigner) return productionSigner.sign({ sub, role, name }, '2h');
  return signDevToken(TEST_JWT_SECRET, { sub, role, name }, '2h');
}

/** One operation; its data, or an error naming every GraphQL error's code. */
export async function gql<T = Record<string, unknown>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await postGraphql<T>(url, query, { variables, token });
  if (res.errors?.length) throw new Error(`GraphQL: ${res.errors.map((e) => `${String(e.extensions?.code)}: ${e.message}`).join('; ')}`);
  return res.data as T;
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] * 100) / 100;
}

export function summarise(values: number[]): { count: number; p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}
