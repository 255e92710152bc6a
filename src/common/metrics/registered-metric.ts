import { register } from 'prom-client';

/**
 * A Prometheus metric of the default registry, looked up before being created: tests boot several
 * apps in one process, and the registry refuses a second metric of the same name.
 */
export function registeredMetric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
