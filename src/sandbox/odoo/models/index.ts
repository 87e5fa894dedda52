import { accountAnalyticAccount, accountAnalyticPlan, accountJournal, accountTax } from './account';
import { accountMove, accountMoveLine } from './account-move';
import type { ModelDef } from './model';
import { resCompany, resCurrency, resPartner, resPartnerCategory, resUsers } from './partner';
import { productProduct, productSupplierinfo, productTemplate, uomCategory, uomUom } from './product';
import { purchaseOrder, purchaseOrderLine } from './purchase';
import { stockPicking, stockPickingType } from './stock';

export const MODELS: ModelDef[] = [
  resPartner,
  resPartnerCategory,
  resCompany,
  resCurrency,
  resUsers,
  productTemplate,
  productProduct,
  productSupplierinfo,
  uomCategory,
  uomUom,
  accountTax,
  accountAnalyticPlan,
  accountAnalyticAccount,
  accountJournal,
  accountMove,
  accountMoveLine,
  purchaseOrder,
  purchaseOrderLine,
  stockPickingType,
  stockPicking,
];

export function modelRegistry(): Map<string, ModelDef> {
  return new Map(MODELS.map((m) => [m.name, m]));
}
