import type { SeedInvoice } from './invoice-seed';

/** Member invoices of the tests: two complete, one unknown member, one unknown article. */
const member = { societe: 'VRAC', typeClient: 'ADHERENT' };
const line = (
  n: number,
  code: string | null,
  label: string,
  price: string,
  qty: string,
  unit: string,
  amount: string,
  po: string | null = null,
) => ({
  n,
  code,
  label,
  price,
  qty,
  unit,
  amount,
  po,
});

export const MEMBER_INVOICES: SeedInvoice[] = [
  {
    ...member,
    numero: '251200001',
    codeClient: '1873',
    nomClient: 'EARL DES TAMARINS',
    ht: '1848.58',
    ttc: '1887.40',
    lines: [
      line(1, '31040N25AA', 'MAIS GRAIN NETTOYE 25KG', '15.20', '40', 'UN', '608.00', 'P0005650'),
      line(2, '20115VRAC', 'ALIMENT VL PRODUCTION VRAC', '486.23', '2.5', 'TO', '1215.58', 'P0005650'),
      line(900, null, 'TRANSPORT', '25.00', '1', 'UN', '25.00'),
    ],
  },
  {
    ...member,
    numero: '251200002',
    type: 'A',
    codeClient: '1402',
    nomClient: 'GAEC DU PITON DES NEIGES',
    ht: '28.70',
    ttc: '29.30',
    lines: [line(1, '31055N25AA', 'ORGE APLATIE 25KG', '14.35', '2', 'UN', '28.70')],
  },
  {
    ...member,
    numero: '251200003',
    codeClient: '1925',
    nomClient: 'NOUVEL ELEVEUR SAINT JOSEPH',
    ht: '28.70',
    ttc: '29.30',
    lines: [line(1, '31055N25AA', 'ORGE APLATIE 25KG', '14.35', '2', 'UN', '28.70')],
  },
  {
    ...member,
    numero: '251200004',
    codeClient: '1517',
    nomClient: 'PAYET JEAN CLAUDE',
    ht: '55.60',
    ttc: '56.77',
    lines: [line(1, '39990X25ZZ', 'COMPLEMENT EXPERIMENTAL 25KG', '27.80', '2', 'UN', '55.60')],
  },
];
