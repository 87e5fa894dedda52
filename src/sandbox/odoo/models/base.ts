import { char, type ModelDef } from './model';

/** res.country (17.0 odoo/addons/base/models/res_country.py): no company, readable by everyone. */
export const resCountry: ModelDef = {
  name: 'res.country',
  description: 'Country',
  order: 'name',
  companyRule: 'none',
  fields: {
    name: char('Country Name', { required: true }),
    code: char('Country Code', { required: true }),
    currency_id: { type: 'many2one', relation: 'res.currency', string: 'Currency' },
  },
};

/** ir.module.module (17.0 odoo/addons/base/models/ir_module.py): what the contract check reads. */
export const irModuleModule: ModelDef = {
  name: 'ir.module.module',
  description: 'Module',
  order: 'application desc,sequence,name',
  companyRule: 'none',
  fields: {
    name: char('Technical Name', { required: true, readonly: true }),
    shortdesc: char('Module Name', { readonly: true }),
    latest_version: char('Installed Version', { readonly: true }),
    application: { type: 'boolean', string: 'Application', readonly: true },
    sequence: { type: 'integer', string: 'Sequence' },
    state: {
      type: 'selection',
      string: 'Status',
      readonly: true,
      selection: [
        ['uninstallable', 'Uninstallable'],
        ['uninstalled', 'Not Installed'],
        ['installed', 'Installed'],
        ['to upgrade', 'To be upgraded'],
        ['to remove', 'To be removed'],
        ['to install', 'To be installed'],
      ],
    },
  },
};
