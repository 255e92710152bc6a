/**
 * Collects single requests into batches: one model call for many posts is far cheaper than one
 * call each. A batch starts when `maxBatch` requests are waiting or `windowMs` after the first
 * one arrived; while a batch runs, new requests queue up and form the next one. Batches run one
 * at a time, so the model is never entered concurrently.
 */
export interface MicroBatcherOptions<TInput, TOutput> {
  maxBatch: number;
  windowMs: number;
  /** Must return one output per input, in order. */
  runBatch: (inputs: TInput[]) => Promise<TOutput[]>;
  /** Called with each batch's size before it runs (metrics, tests). */
  onBatch?: (size: number) => void;
}

interface PendingRequest<TInput, TOutput> {
  input: TInput;
  resolve: (output: TOutput) => void;
  reject: (error: unknown) => void;
}

export class MicroBatcher<TInput, TOutput> {
  private readonly pending: Array<PendingRequest<TInput, TOutput>> = [];
  private windowTimer: NodeJS.Timeout | undefined;
  private draining = false;

  constructor(private readonly options: MicroBatcherOptions<TInput, TOutput>) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
      throw new RangeError(`maxBatch must be a positive integer, got ${options.maxBatch}`);
    }
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) {
      throw new RangeError(`windowMs must be a non-negative number, got ${options.windowMs}`);
    }
  }

  submit(input: TInput): Promise<TOutput> {
    return new Promise<TOutput>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.draining) {
        return; // the running drain loop picks it up
      }
      if (this.pending.length >= this.options.maxBatch) {
        this.startDrain();
      } else if (this.windowTimer === undefined) {
        this.windowTimer = setTimeout(() => this.startDrain(), this.options.windowMs);
      }
    });
  }

  private startDrain(): void {
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    if (this.draining) {
      return;
    }
    this.draining = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      await this.run(batch);
    }
    // Synchronously after the emptiness check, so no request can slip in unnoticed.
    this.draining = false;
  }

  /** Never throws: a failed batch rejects its own requests and the next batch still runs. */
  private async run(batch: Array<PendingRequest<TInput, TOutput>>): Promise<void> {
    try {
      this.options.onBatch?.(batch.length);
      const outputs = await this.options.runBatch(batch.map((request) => request.input));
      if (outputs.length !== batch.length) {
        throw new Error(`batch returned ${outputs.length} results for ${batch.length} inputs`);
      }
      batch.forEach((request, index) => request.resolve(outputs[index]));
    } catch (error) {
      for (const request of batch) {
        request.reject(error);
      }
    }
  }
}
