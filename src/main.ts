import 'reflect-metadata';
import { runEntry } from './process-entry';

// The HTTP API; with --with-worker (npm start) the screening worker runs in the same process.
void runEntry(process.argv.includes('--with-worker') ? 'all' : 'api');
