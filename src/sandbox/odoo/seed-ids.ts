import { ANALYTIC_922_ID } from '../world/catalogue';

/** Ids of the seeded records that tests and the demo refer to. */
export const ODOO_SEED = {
  apiUid: 6,
  /** A company the API user is not allowed in. */
  unauthorizedCompany: { id: 30, name: 'SICALAIT ELEVAGE' },
  adherentCategoryId: 3,
  eurCurrencyId: 1,
  uom: { unitCategoryId: 1, weightCategoryId: 2, unitsId: 1, kgId: 12, tId: 14 },
  /** Another vendor whose supplier code equals an Urcoopa code (on a different product). */
  otherVendorPartnerId: 5120,
  /** A partner of the unauthorized company. */
  foreignPartnerId: 5130,
  /** A partner restricted to the Le Port store company (21). */
  storeOnlyPartnerId: 5131,
  analytic922Id: ANALYTIC_922_ID,
} as const;
