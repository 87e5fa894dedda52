import {
  accountAccount,
  accountAnalyticAccount,
  accountAnalyticPlan,
  accountJournal,
  accountPaymentTerm,
  accountTax,
} from './account';
import { irModuleModule, resCountry } from './base';
import { accountMove, accountMoveLine } from './account-move';
import type { ModelDef } from './model';
import { resCompany, resCurrency, resPartner, resPartnerCategory, resUsers } from './partner';
import {
  productCategory,
  productProduct,
  productSupplierinfo,
  productTemplate,
  uomCategory,
  uomUom,
} from './product';
import { purchaseOrder, purchaseOrderLine } from './purchase';
import { stockPicking, stockPickingType, stockWarehouse } from './stock';

export const MODELS: ModelDef[] = [
  resPartner,
  resPartnerCategory,
  resCompany,
  resCurrency,
  resUsers,
  productTemplate,
  productProduct,
  productCategory,
  productSupplierinfo,
  uomCategory,
  uomUom,
  accountTax,
  accountAccount,
  accountPaymentTerm,
  accountAnalyticPlan,
  accountAnalyticAccount,
  accountJournal,
  accountMove,
  accountMoveLine,
  purchaseOrder,
  purchaseOrderLine,
  stockWarehouse,
  stockPickingType,
  stockPicking,
  resCountry,
  irModuleModule,
];

export function modelRegistry(): Map<string, ModelDef> {
  return new Map(MODELS.map((m) => [m.name, m]));
}
