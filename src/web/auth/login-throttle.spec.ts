import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('locks a username+IP after 5 failures for 15 minutes, not other IPs or users', () => {
    let now = 0;
    const throttle = new LoginThrottle(5, 15 * 60_000, 15 * 60_000, () => now);
    for (let i = 0; i < 4; i++) throttle.recordFailure('Alice', '10.0.0.1');
    expect(throttle.lockedFor('alice', '10.0.0.1')).toBe(0);
    throttle.recordFailure('alice', '10.0.0.1');
    expect(throttle.lockedFor('alice', '10.0.0.1')).toBe(15 * 60_000);
    expect(throttle.lockedFor('alice', '10.0.0.2')).toBe(0);
    expect(throttle.lockedFor('bob', '10.0.0.1')).toBe(0);
    now += 15 * 60_000 + 1;
    expect(throttle.lockedFor('alice', '10.0.0.1')).toBe(0);
  });

  it('forgets failures older than the window and after a success', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 1000, 1000, () => now);
    throttle.recordFailure('a', 'ip');
    throttle.recordFailure('a', 'ip');
    now = 2000;
    throttle.recordFailure('a', 'ip');
    expect(throttle.lockedFor('a', 'ip')).toBe(0);
    throttle.recordFailure('a', 'ip');
    throttle.recordSuccess('a', 'ip');
    throttle.recordFailure('a', 'ip');
    expect(throttle.lockedFor('a', 'ip')).toBe(0);
  });
});
