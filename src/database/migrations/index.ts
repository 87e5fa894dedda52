import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { ImportTables1764300000000 } from './1764300000000-import-tables';
import { InvoiceEnrichedAt1764300000001 } from './1764300000001-invoice-enriched-at';
import { OdooIntent1764400000000 } from './1764400000000-odoo-intent';
import { JobRunLargeText1764500000000 } from './1764500000000-job-run-large-text';
import { StaffSessions1765110000000 } from './1765110000000-staff-sessions';
import { OdooIntentPostWanted1765120000000 } from './1765120000000-odoo-intent-post-wanted';
import { PageIndexes1765130000000 } from './1765130000000-page-indexes';
import { MonthFigures1765130000001 } from './1765130000001-month-figures';
import { JobRunIndexes1765130000002 } from './1765130000002-job-run-indexes';
import { Reconciliation1765150000000 } from './1765150000000-reconciliation';
import { MonthFiguresKindIndex1765180000000 } from './1765180000000-month-figures-kind-index';

/** Every migration, in order. The app runs them at start; the tests run the same list. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  ImportTables1764300000000,
  InvoiceEnrichedAt1764300000001,
  OdooIntent1764400000000,
  JobRunLargeText1764500000000,
  StaffSessions1765110000000,
  OdooIntentPostWanted1765120000000,
  PageIndexes1765130000000,
  MonthFigures1765130000001,
  JobRunIndexes1765130000002,
  Reconciliation1765150000000,
  MonthFiguresKindIndex1765180000000,
];
