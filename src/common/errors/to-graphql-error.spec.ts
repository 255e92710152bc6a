import { GraphQLError } from 'graphql';
import { AppError, ErrorCode } from './app-error';
import { classifyError, isDatabaseOutage } from './to-graphql-error';

const formatted = { message: 'raw message with SELECT * FROM posts' };

describe(classifyError.name, () => {
  it('should pass an AppError through with its code and message', () => {
    const classified = classifyError(formatted, new GraphQLError('x', { originalError: AppError.conflict('Already claimed.') }));
    expect(classified).toMatchObject({ code: ErrorCode.CONFLICT, message: 'Already claimed.', unexpected: false });
  });

  it('should report a database that went away as SERVICE_UNAVAILABLE with a retry hint, never the driver message', () => {
    const driverError = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const queryFailed = Object.assign(new Error('terminating connection due to administrator command'), { driverError, query: 'INSERT INTO posts ...' });
    const classified = classifyError(formatted, new GraphQLError('x', { originalError: queryFailed }));
    expect(classified.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(classified.details).toEqual({ retryAfter: 5 });
    expect(classified.message).not.toMatch(/terminating|INSERT|SELECT/);
  });

  it('should keep every other unexpected error generic', () => {
    const uniqueViolation = Object.assign(new Error('duplicate key value violates unique constraint "posts_pkey"'), { code: '23505' });
    const classified = classifyError(formatted, new GraphQLError('x', { originalError: uniqueViolation }));
    expect(classified).toMatchObject({ code: ErrorCode.INTERNAL_SERVER_ERROR, unexpected: true });
    expect(classified.message).not.toContain('posts_pkey');
  });
});

describe(isDatabaseOutage.name, () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception class code', { code: '08006' }],
    ['the cause of a wrapped error', new Error('query failed', { cause: { code: 'ECONNRESET' } })],
  ])('should recognise %s', (_name, error) => {
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key' }],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('should not treat %s as an outage', (_name, error) => {
    expect(isDatabaseOutage(error)).toBe(false);
  });
});
