import { Column, Entity, PrimaryColumn } from 'typeorm';

/** staff_session: one signed-in (or signing-in) browser; `id` is the SHA-256 of the cookie's id. */
@Entity({ name: 'staff_session' })
export class StaffSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'user_name', type: 'varchar', length: 100, nullable: true })
  userName!: string | null;

  /** The session's JSON (express-session's object, without the cookie). */
  @Column({ type: 'text', nullable: true })
  data!: string | null;

  /** Idle expiry, pushed forward by activity, never past `absoluteExpiresAt`. */
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'absolute_expires_at', type: 'datetime' })
  absoluteExpiresAt!: Date;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
