import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { availableParallelism } from 'node:os';
import { Repository } from 'typeorm';
import { PasswordChecker } from '../../common/auth/password-checker';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SignInLockoutEntity } from './entities/sign-in-lockout.entity';
import { SignInLockout } from './sign-in-lockout';

export type SignInOutcome =
  { ok: true; username: string } | { ok: false; reason: 'invalid' | 'locked'; retryInMs?: number };

// Compared against when the username is unknown, so that both cases take the same time.
const DUMMY_HASH = '$2b$12$n4QnyoJfISf9D6oLBCupo.0MDJ7ct1yeCHyd/CfqBsavovOpT4QJC';

/**
 * Staff sign-in against STAFF_USERS (bcrypt hashes, compared in worker threads), with the lock-out
 * per user name kept in the database. A full password pool throws PasswordCheckerBusyError (429).
 */
@Injectable()
export class StaffAuthService implements OnModuleDestroy {
  private readonly lockout: SignInLockout;
  private readonly passwords = new PasswordChecker({
    threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
    maxQueue: 32,
    maxWaitMs: 10_000,
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(SignInLockoutEntity) lockouts: Repository<SignInLockoutEntity>,
  ) {
    this.lockout = new SignInLockout(lockouts);
  }

  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const lockedFor = await this.lockout.lockedFor(username);
    if (lockedFor > 0) return { ok: false, reason: 'locked', retryInMs: lockedFor };
    const user = this.config.auth.staffUsers.find((u) => u.username === username.trim());
    const matches = await this.passwords.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !matches) {
      const nowLocked = await this.lockout.recordFailure(username);
      return nowLocked > 0
        ? { ok: false, reason: 'locked', retryInMs: nowLocked }
        : { ok: false, reason: 'invalid' };
    }
    await this.lockout.recordSuccess(username);
    return { ok: true, username: user.username };
  }

  get hasAccounts(): boolean {
    return this.config.auth.staffUsers.length > 0;
  }

  async onModuleDestroy(): Promise<void> {
    await this.passwords.close();
  }
}
