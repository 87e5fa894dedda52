export { startOdooSandbox } from './odoo-sandbox';
export type { OdooSandbox, OdooSandboxOptions, OdooSandboxUserOption } from './odoo-sandbox';
export { OdooFaults, type FaultMatch } from './faults';
export { OdooCallLog, type OdooCallEntry } from './call-log';
export { ODOO_SEED } from './seed';
export { compileDomain, type DomainHost } from './domain';
