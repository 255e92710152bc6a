import 'reflect-metadata';
import { runEntry } from './process-entry';

// The worker: an application context with processors and timers, no HTTP server.
void runEntry('worker');
