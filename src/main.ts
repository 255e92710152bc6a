import 'reflect-metadata';
import cluster from 'node:cluster';
import { apiProcessesFrom, runApiCluster } from './api-cluster';
import { runEntry } from './process-entry';

// The HTTP API; with --with-worker (npm start) the screening worker runs in the same process.
// With --processes N (N > 1) a primary forks N such processes sharing the port (api-cluster.ts).
let processes: number;
try {
  processes = apiProcessesFrom(process.argv);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const withWorker = process.argv.includes('--with-worker');
if (processes > 1 && cluster.isPrimary) void runApiCluster(processes, withWorker);
else void runEntry(withWorker ? 'all' : 'api');
