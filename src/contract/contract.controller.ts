import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContractService } from './contract.service';
import { ContractReportView } from './dto/contract-report.view';

@ApiTags('contract')
@Controller('api/contract')
export class ContractController {
  constructor(private readonly contract: ContractService) {}

  @Get()
  @ApiOperation({
    summary: 'Pre-flight check of the configured Odoo and Urcoopa (reads only)',
    description:
      'Odoo 17.0 and its modules, the API user, every id and name the configuration relies on (URCOOPA ' +
      'partner, SICALAIT company, sic_depot store companies and their purchase journals, 2.1 % taxes, ' +
      'analytic account, units, line-900 services), the rights (check_access_rights / check_access_rule, ' +
      'nothing written), the clocks and time zone; Urcoopa’s WSDL operations and key (a Get_Factures of ' +
      'one day). Always 200: `ok` says whether every point passes. Same as `npm run contract`.',
  })
  @ApiOkResponse({ type: ContractReportView })
  check(): Promise<ContractReportView> {
    return this.contract.check();
  }
}
