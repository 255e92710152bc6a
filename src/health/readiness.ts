/**
 * Components report their readiness here (the worker's toxicity model, for instance) without
 * the health module importing them.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; details?: Record<string, unknown> }>;
}

export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
