import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../schema-helpers';

/**
 * staff_session: the staff sessions kept on the server (the cookie holds only a random id, stored
 * here as its SHA-256); staff_sign_in_lockout: failed sign-ins per user name, shared by every
 * instance and kept across restarts.
 */
export class StaffSessions1765110000000 implements MigrationInterface {
  name = 'StaffSessions1765110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'staff_session',
        columns: [
          col.varchar('id', 64, false, { isPrimary: true }),
          col.varchar('user_name', 100),
          col.text('data'),
          col.datetime('expires_at', false),
          col.datetime('absolute_expires_at', false),
          col.datetime('created_at', false),
        ],
        indices: [
          { name: 'IDX_staff_session_expires_at', columnNames: ['expires_at'] },
          { name: 'IDX_staff_session_user_name', columnNames: ['user_name'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_sign_in_lockout',
        columns: [
          col.varchar('user_name', 100, false, { isPrimary: true }),
          col.int('failures', false, { default: 0 }),
          col.datetime('first_failure_at', false),
          col.datetime('locked_until'),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_sign_in_lockout', true);
    await queryRunner.dropTable('staff_session', true);
  }
}
