/**
 * The daily jobs (domain.md §5) in pipeline order, with the environment variables of the previous
 * tool that schedule them and push their Uptime Kuma monitor (spellings kept, typos included).
 */
export const JOB_DEFINITIONS = [
  {
    name: 'factures',
    title: 'Récupération des factures Urcoopa',
    cronEnv: 'CRONTAB_APP_FACTURES',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_FACTURES',
  },
  {
    name: 'livraisons',
    title: 'Récupération des livraisons Urcoopa',
    cronEnv: 'CRONTAB_APP_RECUPERE_LIVRAISON',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_LIVRAISON',
  },
  {
    name: 'rapprochement',
    title: 'Rapprochement commandes, livraisons et factures',
    cronEnv: 'CRONTAB_APP_RAPPROCHEMENT',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_RAPPROCHEMENT',
  },
  {
    name: 'switch-factures',
    title: 'Switch des commandes réceptionnées',
    cronEnv: 'CRONTAB_APP_SWITCH_FACTURES',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_SWITCH_FACTURE_ODOO',
  },
  {
    name: 'verif-correspondance',
    title: 'Vérification des correspondances adhérents',
    cronEnv: 'CRONTAB_APP_VERIF_CORRESPONDANT',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_VERIF_CORRESPONDANCE_ADHRENT',
  },
  {
    name: 'injection-adherents',
    title: 'Injection des factures adhérents dans Odoo',
    cronEnv: 'CRONTAB_APP_INJECTION_CORRESPONDANT',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_INJECTION_CORRESPONDANCE_ADHRENT',
  },
  {
    name: 'factures-magasins',
    title: 'Factures fournisseur des magasins dans Odoo',
    cronEnv: 'CRONTAB_APP_AJOUT_FACTURE_DANS_ODOO',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_AJOUT_FACTURE_ODOO',
  },
  {
    name: 'commandes',
    title: 'Envoi des commandes à Urcoopa',
    cronEnv: 'CRONTAB_APP_COMMANDES',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_COMMANDES',
  },
  {
    name: 'gesica',
    title: 'Import des commandes Gesica',
    cronEnv: 'CRONTAB_APP_GESICA',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_GESICA',
  },
  {
    name: 'pipeline',
    title: 'Chaîne quotidienne complète',
    cronEnv: 'CRONTAB_APP_PIPELINE',
    uptimeEnv: 'UPTIME_KUMA_PUSH_URL_PIPELINE',
  },
] as const;

export type JobName = (typeof JOB_DEFINITIONS)[number]['name'];

/** The jobs the daily pipeline runs, in order (domain.md §5). */
export const PIPELINE_ORDER: readonly JobName[] = [
  'factures',
  'livraisons',
  'rapprochement',
  'switch-factures',
  'verif-correspondance',
  'injection-adherents',
  'factures-magasins',
  'commandes',
];

export function isJobName(value: string): value is JobName {
  return JOB_DEFINITIONS.some((job) => job.name === value);
}

/**
 * Jobs that write the same sic_urcoopa_facture rows never run at the same time, whatever their
 * schedules: job 1 could otherwise rewrite an invoice while job 5 or 6 is creating its moves in Odoo.
 */
const EXCLUSIVE_GROUPS: Record<string, readonly JobName[]> = {
  'invoice-lines': ['factures', 'verif-correspondance', 'injection-adherents', 'factures-magasins'],
};

export function exclusiveGroupOf(name: JobName): { group: string; jobs: readonly JobName[] } | null {
  for (const [group, jobs] of Object.entries(EXCLUSIVE_GROUPS))
    if (jobs.includes(name)) return { group, jobs };
  return null;
}
