import { PRODUCTS, SERVICES, URCOOPA_PARTNER_ID } from '../world/catalogue';
import type { OdooRecord } from './fields';
import type { Env, Orm } from './orm';
import { createOne } from './orm-write';
import { ODOO_SEED } from './seed-ids';

/**
 * Products known to Odoo with their URCOOPA supplier codes, the line-900 service products, and a
 * trap: another vendor's supplier info carrying an Urcoopa code on another product. Default taxes
 * are SICALAIT's only, as on a product created in that company.
 */
export function seedProducts(orm: Orm, root: Env, purchaseTaxId: number, saleTaxId: number): void {
  const s = orm.store;
  const product = (vals: Record<string, unknown>) =>
    createOne(orm, root, 'product.product', {
      supplier_taxes_id: [purchaseTaxId],
      taxes_id: [saleTaxId],
      ...vals,
    });
  for (const p of PRODUCTS.filter((x) => x.knownInOdoo)) {
    const bulk = p.odooUom === 'kg';
    const id = product({
      name: p.label.charAt(0) + p.label.slice(1).toLowerCase(),
      default_code: `SIC-${p.code}`,
      type: p.type,
      detailed_type: p.type,
      uom_id: bulk ? ODOO_SEED.uom.kgId : ODOO_SEED.uom.unitsId,
      uom_po_id: bulk ? ODOO_SEED.uom.tId : ODOO_SEED.uom.unitsId,
      weight: p.weightKg,
      standard_price: Number(p.price),
      list_price: Number(p.price),
    });
    const tmpl = (orm.get('product.product', id) as OdooRecord).product_tmpl_id;
    s.insert('product.supplierinfo', {
      partner_id: URCOOPA_PARTNER_ID,
      product_code: p.code,
      product_name: p.label,
      product_tmpl_id: tmpl,
      product_id: false,
      price: Number(p.price),
      min_qty: 0,
      sequence: 1,
      currency_id: ODOO_SEED.eurCurrencyId,
      company_id: false,
      delay: 1,
    });
  }
  for (const svc of SERVICES) {
    product({
      name: svc.label,
      type: 'service',
      detailed_type: 'service',
      uom_id: ODOO_SEED.uom.unitsId,
      uom_po_id: ODOO_SEED.uom.unitsId,
      weight: 0,
      standard_price: Number(svc.price),
      list_price: Number(svc.price),
      purchase_method: 'purchase',
    });
  }
  // The same supplier code as an Urcoopa article, but another vendor's and another product.
  const trap = product({
    name: 'Luzerne en botte (Coop Sud)',
    default_code: 'CAS-LUZ',
    type: 'product',
    detailed_type: 'product',
    uom_id: ODOO_SEED.uom.unitsId,
    uom_po_id: ODOO_SEED.uom.unitsId,
    weight: 350,
  });
  const trapTmpl = (orm.get('product.product', trap) as OdooRecord).product_tmpl_id;
  const shared = (PRODUCTS.find((p) => p.code === '32010N40AB') ?? PRODUCTS[0]).code;
  s.insert('product.supplierinfo', {
    partner_id: ODOO_SEED.otherVendorPartnerId,
    product_code: shared,
    product_name: 'LUZERNE BOTTE',
    product_tmpl_id: trapTmpl,
    product_id: false,
    price: 95,
    min_qty: 0,
    sequence: 1,
    currency_id: ODOO_SEED.eurCurrencyId,
    company_id: false,
    delay: 1,
  });
}
