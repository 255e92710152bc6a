import { MicroBatcher } from './classify-micro-batcher';

describe(MicroBatcher.name, () => {
  let batches: string[][];

  const createBatcher = (options: { maxBatch?: number; windowMs?: number; failOn?: string } = {}) =>
    new MicroBatcher<string, string>({
      maxBatch: options.maxBatch ?? 4,
      windowMs: options.windowMs ?? 5,
      runBatch: async (inputs) => {
        batches.push(inputs);
        if (options.failOn !== undefined && inputs.includes(options.failOn)) {
          throw new Error(`cannot score ${options.failOn}`);
        }
        return inputs.map((input) => input.toUpperCase());
      },
    });

  beforeEach(() => {
    batches = [];
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should answer each caller with its own result', async () => {
    const sut = createBatcher();

    await expect(Promise.all(['a', 'b', 'c'].map((input) => sut.submit(input)))).resolves.toEqual(['A', 'B', 'C']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('should wait for the window before running a batch smaller than maxBatch', async () => {
    jest.useFakeTimers();
    const sut = createBatcher({ windowMs: 50 });

    const result = sut.submit('a');
    await jest.advanceTimersByTimeAsync(49);
    expect(batches).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('A');
    expect(batches).toEqual([['a']]);
  });

  it('should run a full batch at once without waiting for the window', async () => {
    jest.useFakeTimers();
    const sut = createBatcher({ maxBatch: 2, windowMs: 1_000 });

    const results = Promise.all([sut.submit('a'), sut.submit('b')]);

    await expect(results).resolves.toEqual(['A', 'B']);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('should queue requests that arrive while a batch runs into batches of at most maxBatch', async () => {
    const sut = createBatcher({ maxBatch: 4 });
    const inputs = Array.from({ length: 10 }, (_, index) => `t${index}`);

    const results = await Promise.all(inputs.map((input) => sut.submit(input)));

    expect(results).toEqual(inputs.map((input) => input.toUpperCase()));
    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
  });

  it('should reject only the requests of a failed batch and keep serving later ones', async () => {
    const sut = createBatcher({ maxBatch: 2, failOn: 'bad' });

    const [first, second, third, fourth] = await Promise.allSettled(['bad', 'b', 'c', 'd'].map((input) => sut.submit(input)));

    expect(first).toEqual({ status: 'rejected', reason: new Error('cannot score bad') });
    expect(second.status).toBe('rejected');
    expect(third).toEqual({ status: 'fulfilled', value: 'C' });
    expect(fourth).toEqual({ status: 'fulfilled', value: 'D' });
    await expect(sut.submit('e')).resolves.toBe('E');
  });

  it('should reject when the batch returns a different number of results', async () => {
    const sut = new MicroBatcher<string, string>({ maxBatch: 4, windowMs: 0, runBatch: async () => ['only one'] });

    await expect(Promise.all([sut.submit('a'), sut.submit('b')])).rejects.toThrow('batch returned 1 results for 2 inputs');
  });

  it('should refuse a maxBatch below one', () => {
    expect(() => createBatcher({ maxBatch: 0 })).toThrow(RangeError);
  });
});
