import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LoginThrottle } from './login-throttle';

export type SignInOutcome =
  { ok: true; username: string } | { ok: false; reason: 'invalid' | 'locked'; retryInMs?: number };

// Compared against when the username is unknown, so that both cases take the same time.
const DUMMY_HASH = '$2b$12$n4QnyoJfISf9D6oLBCupo.0MDJ7ct1yeCHyd/CfqBsavovOpT4QJC';

/** Staff sign-in against STAFF_USERS (bcrypt hashes), with the lock-out. */
@Injectable()
export class StaffAuthService {
  private readonly throttle = new LoginThrottle();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async signIn(username: string, password: string, ip: string): Promise<SignInOutcome> {
    const lockedFor = this.throttle.lockedFor(username, ip);
    if (lockedFor > 0) return { ok: false, reason: 'locked', retryInMs: lockedFor };
    const user = this.config.auth.staffUsers.find((u) => u.username === username.trim());
    const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !matches) {
      this.throttle.recordFailure(username, ip);
      const nowLocked = this.throttle.lockedFor(username, ip);
      return nowLocked > 0
        ? { ok: false, reason: 'locked', retryInMs: nowLocked }
        : { ok: false, reason: 'invalid' };
    }
    this.throttle.recordSuccess(username, ip);
    return { ok: true, username: user.username };
  }

  get hasAccounts(): boolean {
    return this.config.auth.staffUsers.length > 0;
  }
}
