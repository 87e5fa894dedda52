import { Column, Entity, PrimaryColumn } from 'typeorm';

/** staff_sign_in_lockout: recent failed sign-ins of one user name (lower-cased), and its lock. */
@Entity({ name: 'staff_sign_in_lockout' })
export class SignInLockoutEntity {
  @PrimaryColumn({ name: 'user_name', type: 'varchar', length: 100 })
  userName!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ name: 'first_failure_at', type: 'datetime' })
  firstFailureAt!: Date;

  @Column({ name: 'locked_until', type: 'datetime', nullable: true })
  lockedUntil!: Date | null;
}
