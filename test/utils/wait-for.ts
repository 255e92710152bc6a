export interface WaitOptions {
  /** Give up after this long (default 30 s); the error names what was awaited. */
  timeoutMs?: number;
  /** Pause between probes (default 50 ms). */
  intervalMs?: number;
  /**
   * Read a throwing probe as "not yet" (a server still starting, a socket not yet listening)
   * instead of failing at once; the last error is in the timeout message.
   */
  retryErrors?: boolean;
}

/**
 * Polls `probe` until it returns something truthy and returns that. The one way to wait for a
 * condition: a test that sleeps instead either flakes on a slow machine or waits for nothing.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 50, retryErrors = false } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      if (!retryErrors) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
