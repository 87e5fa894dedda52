import { Module } from '@nestjs/common';
import { OdooCatalogService } from './odoo-catalog.service';
import { OdooClient } from './odoo.client';

/**
 * The Odoo client and the catalog of reference lookups. Tests and the demo may provide
 * ODOO_TRANSPORT / ODOO_CLIENT_OPTIONS; by default the XML-RPC transport is built from config.odoo.
 */
@Module({
  providers: [OdooClient, OdooCatalogService],
  exports: [OdooClient, OdooCatalogService],
})
export class OdooModule {}
