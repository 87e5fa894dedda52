/**
 * The shared reference data of both sandboxes: the same members, stores and products exist at
 * "Urcoopa" and in "Odoo", so that most imported records match and a known few do not.
 * Ids follow the previous tool's hard-coded values (URCOOPA partner 5081, SICALAIT company 19,
 * SDPMA company 56) so that the demo looks like production.
 */

export interface SandboxCompany {
  id: number;
  name: string;
  email: string;
  /** false for a company that has no purchase journal (Odoo answers a business fault). */
  hasPurchaseJournal: boolean;
}

export interface SandboxStore {
  /** Odoo company of the store (sic_depot.company_id). */
  companyId: number;
  /** Customer code of the store at Urcoopa (sic_depot.code_urcoopa). */
  codeUrcoopa: string;
  /** Delivery address code (sic_depot.code). */
  code: string;
  lib: string;
  /** Type_Client at Urcoopa. */
  typeClient: 'MAG. SICALAIT' | 'MAG. SDPMA';
}

export interface SandboxMember {
  /** Code_Client at Urcoopa (never starts with 5). */
  code: string;
  /** Nom_Client as Urcoopa spells it (upper case, no accents). */
  urcoopaName: string;
  /** The partner's name in Odoo, or null when the member is unknown to Odoo. */
  odooName: string | null;
  /** Partner ref in Odoo. */
  ref: string | null;
  /** In the ADHERENT partner category. */
  adherent: boolean;
}

export interface SandboxProduct {
  /** Code_Produit at Urcoopa = product.supplierinfo.product_code for URCOOPA; null for line-900 services. */
  code: string | null;
  label: string;
  /** The unit Urcoopa bills in. */
  billedUnit: 'UN' | 'TO';
  /** Odoo unit of the product: 'Units' for bags, 'kg' for bulk feed. */
  odooUom: 'Units' | 'kg';
  /** Weight of one Odoo unit in kg (25 for a 25 kg bag, 1 for a product stocked in kg). */
  weightKg: number;
  /** Urcoopa's unit price in the billed unit, as a decimal string. */
  price: string;
  /** Odoo product type. */
  type: 'product' | 'service' | 'consu';
  /** false when Odoo has no URCOOPA supplier info for this code (an "unknown article"). */
  knownInOdoo: boolean;
}

export const URCOOPA_PARTNER_ID = 5081;
export const SICALAIT_COMPANY_ID = 19;
export const SDPMA_COMPANY_ID = 56;
export const INTERCOMPANY_SUPPLIER_PARTNER_ID = 5090;
export const ANALYTIC_922_ID = 922_001;
export const VAT_RATE = '2.1';

export const COMPANIES: SandboxCompany[] = [
  { id: SICALAIT_COMPANY_ID, name: 'SICALAIT', email: 'compta@sicalait.example', hasPurchaseJournal: true },
  { id: SDPMA_COMPANY_ID, name: 'SDPMA', email: 'info.sdpma@sicalait.example', hasPurchaseJournal: true },
  { id: 21, name: 'MAGASIN SICALAIT LE PORT', email: 'leport@sicalait.example', hasPurchaseJournal: true },
  {
    id: 22,
    name: 'MAGASIN SICALAIT SAINT-PIERRE',
    email: 'stpierre@sicalait.example',
    hasPurchaseJournal: true,
  },
  {
    id: 23,
    name: 'MAGASIN SICALAIT LA PLAINE',
    email: 'laplaine@sicalait.example',
    hasPurchaseJournal: true,
  },
  {
    id: 24,
    name: 'MAGASIN SICALAIT SAINT-BENOIT',
    email: 'stbenoit@sicalait.example',
    hasPurchaseJournal: false,
  },
];

export const STORES: SandboxStore[] = [
  { companyId: 21, codeUrcoopa: '5010', code: '11', lib: 'MAGASIN LE PORT', typeClient: 'MAG. SICALAIT' },
  {
    companyId: 22,
    codeUrcoopa: '5024',
    code: '12',
    lib: 'MAGASIN SAINT-PIERRE',
    typeClient: 'MAG. SICALAIT',
  },
  { companyId: 23, codeUrcoopa: '5031', code: '13', lib: 'MAGASIN LA PLAINE', typeClient: 'MAG. SICALAIT' },
  {
    companyId: 24,
    codeUrcoopa: '5047',
    code: '14',
    lib: 'MAGASIN SAINT-BENOIT',
    typeClient: 'MAG. SICALAIT',
  },
  {
    companyId: SDPMA_COMPANY_ID,
    codeUrcoopa: '5052',
    code: '21',
    lib: 'SDPMA BRAS-PANON',
    typeClient: 'MAG. SDPMA',
  },
];

/** The cooperative's own customer code at Urcoopa (its orders are delivered to its members' farms). */
export const HEAD_OFFICE_DEPOT = {
  companyId: SICALAIT_COMPANY_ID,
  codeUrcoopa: '5000',
  code: '10',
  lib: 'SICALAIT SIEGE',
};

/** A store code Urcoopa bills but that sic_depot does not know. */
export const UNKNOWN_STORE = {
  codeUrcoopa: '5099',
  lib: 'DEPOT INCONNU',
  typeClient: 'MAG. SICALAIT' as const,
};

export const MEMBERS: SandboxMember[] = [
  {
    code: '1873',
    urcoopaName: 'EARL DES TAMARINS',
    odooName: 'EARL des Tamarins',
    ref: 'AD1873',
    adherent: true,
  },
  {
    code: '1402',
    urcoopaName: 'GAEC DU PITON DES NEIGES',
    odooName: 'GAEC du Piton des Neiges',
    ref: 'AD1402',
    adherent: true,
  },
  {
    code: '1517',
    urcoopaName: 'PAYET JEAN CLAUDE',
    odooName: 'PAYET Jean-Claude',
    ref: 'AD1517',
    adherent: true,
  },
  {
    code: '1620',
    urcoopaName: 'HOARAU MARIE JOSE',
    odooName: 'HOARAU Marie-José',
    ref: 'AD1620',
    adherent: true,
  },
  { code: '1733', urcoopaName: 'GRONDIN LOUIS', odooName: 'Grondin  Louis', ref: 'AD1733', adherent: true },
  {
    code: '1744',
    urcoopaName: 'SCEA LES HAUTS DE LA PLAINE',
    odooName: 'SCEA Les Hauts de la Plaine',
    ref: 'AD1744',
    adherent: true,
  },
  { code: '1801', urcoopaName: 'FONTAINE ERIC', odooName: 'FONTAINE Éric', ref: 'AD1801', adherent: true },
  {
    code: '1812',
    urcoopaName: 'EARL BOURBON LAIT',
    odooName: 'EARL Bourbon Lait',
    ref: 'AD1812',
    adherent: true,
  },
  { code: '1825', urcoopaName: 'RIVIERE GERARD', odooName: 'RIVIÈRE Gérard', ref: 'AD1825', adherent: true },
  {
    code: '1836',
    urcoopaName: 'GAEC DE LA ROCHE ECRITE',
    odooName: 'GAEC de la Roche Écrite',
    ref: 'AD1836',
    adherent: true,
  },
  {
    code: '1847',
    urcoopaName: 'TECHER ANNE MARIE',
    odooName: 'TECHER Anne-Marie',
    ref: 'AD1847',
    adherent: true,
  },
  { code: '1858', urcoopaName: 'EARL DU VOLCAN', odooName: 'EARL du Volcan', ref: 'AD1858', adherent: true },
  { code: '1869', urcoopaName: 'BOYER PATRICE', odooName: 'BOYER Patrice', ref: 'AD1869', adherent: true },
  {
    code: '1880',
    urcoopaName: 'GAEC DES TROIS BASSINS',
    odooName: 'GAEC des Trois Bassins',
    ref: 'AD1880',
    adherent: true,
  },
  {
    code: '1891',
    urcoopaName: 'LEBON CHRISTIAN',
    odooName: 'LEBON Christian',
    ref: 'AD1891',
    adherent: true,
  },
  {
    code: '1903',
    urcoopaName: 'EARL PLAINE DES CAFRES',
    odooName: 'EARL Plaine des Cafres',
    ref: 'AD1903',
    adherent: true,
  },
  // In Odoo but not in the ADHERENT category: labelled "NON ADHERENT : <ref>".
  {
    code: '1914',
    urcoopaName: 'FERME PEDAGOGIQUE DU BRULE',
    odooName: 'Ferme pédagogique du Brûlé',
    ref: 'CL1914',
    adherent: false,
  },
  // Unknown to Odoo: labelled "INCONNU !" and listed in the unknowns.
  { code: '1925', urcoopaName: 'NOUVEL ELEVEUR SAINT JOSEPH', odooName: null, ref: null, adherent: false },
  { code: '1936', urcoopaName: 'GAEC DES FOUGERES', odooName: null, ref: null, adherent: false },
];

export const PRODUCTS: SandboxProduct[] = [
  {
    code: '31040N25AA',
    label: 'MAIS GRAIN NETTOYE 25KG',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 25,
    price: '15.20',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '31055N25AA',
    label: 'ORGE APLATIE 25KG',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 25,
    price: '14.35',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '32010N40AB',
    label: 'LUZERNE DESHYDRATEE 40KG',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 40,
    price: '21.90',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '33120M25AA',
    label: 'MINERAL VL 25KG',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 25,
    price: '32.75',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '34005P20AA',
    label: 'ALIMENT VEAU DEMARRAGE 20KG',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 20,
    price: '18.60',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '20115VRAC',
    label: 'ALIMENT VL PRODUCTION VRAC',
    billedUnit: 'TO',
    odooUom: 'kg',
    weightKg: 1,
    price: '486.23',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '20130VRAC',
    label: 'ALIMENT VL HAUTE PRODUCTION VRAC',
    billedUnit: 'TO',
    odooUom: 'kg',
    weightKg: 1,
    price: '512.40',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: '20210VRAC',
    label: 'ALIMENT GENISSE VRAC',
    billedUnit: 'TO',
    odooUom: 'kg',
    weightKg: 1,
    price: '455.10',
    type: 'product',
    knownInOdoo: true,
  },
  {
    code: 'INTR',
    label: 'INTERETS DE RETARD',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 1,
    price: '12.50',
    type: 'service',
    knownInOdoo: true,
  },
  // Unknown to Odoo (no URCOOPA supplier info): "unknown articles".
  {
    code: '39990X25ZZ',
    label: 'COMPLEMENT EXPERIMENTAL 25KG',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 25,
    price: '27.80',
    type: 'product',
    knownInOdoo: false,
  },
  {
    code: '29900VRAC',
    label: 'ALIMENT PORC ENGRAISSEMENT VRAC',
    billedUnit: 'TO',
    odooUom: 'kg',
    weightKg: 1,
    price: '430.00',
    type: 'product',
    knownInOdoo: false,
  },
];

/** Line-900 services: no Code_Produit at Urcoopa, matched by label to an Odoo service product. */
export const SERVICES: SandboxProduct[] = [
  {
    code: null,
    label: 'TRANSPORT',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 1,
    price: '25.00',
    type: 'service',
    knownInOdoo: true,
  },
  {
    code: null,
    label: 'FRAIS DE LIVRAISON SILO',
    billedUnit: 'UN',
    odooUom: 'Units',
    weightKg: 1,
    price: '40.00',
    type: 'service',
    knownInOdoo: true,
  },
];
