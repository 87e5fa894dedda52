import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { ImportTables1764300000000 } from './1764300000000-import-tables';
import { OdooIntent1764400000000 } from './1764400000000-odoo-intent';

/** Every migration, in order. The app runs them at start; the tests run the same list. */
export const MIGRATIONS = [InitialSchema1764100000000, ImportTables1764300000000, OdooIntent1764400000000];
