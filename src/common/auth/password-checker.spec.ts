import bcrypt from 'bcryptjs';
import { afterAll, describe, expect, it } from 'vitest';
import { PasswordChecker, PasswordCheckerBusyError } from './password-checker';

describe('PasswordChecker', () => {
  const checker = new PasswordChecker({ threads: 1, maxQueue: 2, maxWaitMs: 60_000 });
  afterAll(() => checker.close());

  it('accepts the right password and refuses a wrong one, for $2a/$2b hashes of any cost', async () => {
    const hash12 = bcrypt.hashSync('secret', 12);
    const hash2a = bcrypt.hashSync('secret', 4).replace(/^\$2b\$/, '$2a$');
    expect(await checker.compare('secret', hash12)).toBe(true);
    expect(await checker.compare('wrong', hash12)).toBe(false);
    expect(await checker.compare('secret', hash2a)).toBe(true);
    expect(await checker.compare('secret', 'not a hash')).toBe(false);
  });

  it('runs a bounded number of checks: the queue full, the next ones are refused at once', async () => {
    const hash = bcrypt.hashSync('secret', 8);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => checker.compare('secret', hash)),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PasswordCheckerBusyError);
  });
});
