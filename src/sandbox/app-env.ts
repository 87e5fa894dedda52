import type { OdooSandbox } from './odoo';
import type { UrcoopaSandbox } from './urcoopa';
import { HEAD_OFFICE_DEPOT, INTERCOMPANY_SUPPLIER_PARTNER_ID, STORES } from './world/catalogue';

/** The environment variables that point the app at both sandboxes (demo and end-to-end tests). */
export function sandboxAppEnv(urcoopa: UrcoopaSandbox, odoo: OdooSandbox): Record<string, string> {
  return {
    MY_URCOOPA_URL: urcoopa.wsdlUrl,
    API_KEY_URCOOPA: urcoopa.apiKey,
    API_KEY_JOUR_FACTURES: '30',
    API_KEY_JOUR: '30',
    URL_ODOO: odoo.url,
    DB_ODOO: odoo.db,
    USERNAME_ODOO: odoo.login,
    PASSWORD_ODOO: odoo.password,
    DATE_JOUR: '30',
    ODOO_INTERCOMPANY_PARTNER_ID: String(INTERCOMPANY_SUPPLIER_PARTNER_ID),
  };
}

/** The sic_depot rows of the sandbox world (in production, Sicalait's IT team maintains the table). */
export function sandboxDepots(): Array<{
  code_urcoopa: string;
  company_id: number;
  code: string;
  lib: string;
}> {
  return [...STORES, HEAD_OFFICE_DEPOT].map((s) => ({
    code_urcoopa: s.codeUrcoopa,
    company_id: s.companyId,
    code: s.code,
    lib: s.lib,
  }));
}
