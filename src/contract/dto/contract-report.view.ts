import { ApiProperty } from '@nestjs/swagger';
import type { ContractArea, ContractPoint, ContractReport } from '../contract.types';

export class ContractPointView implements ContractPoint {
  @ApiProperty({ enum: ['odoo', 'urcoopa', 'clock'] })
  area!: ContractArea;

  @ApiProperty({ example: 'Purchase journal of MAGASIN SICALAIT LE PORT' })
  name!: string;

  @ApiProperty()
  ok!: boolean;

  @ApiProperty({
    example: 'BILL Factures fournisseurs (id 12)',
    description: 'What was found (never a secret)',
  })
  detail!: string;

  @ApiProperty({ type: String, nullable: true, description: 'What to change when the point fails' })
  fix!: string | null;
}

export class ContractReportView implements ContractReport {
  @ApiProperty({ description: 'True when every point passes' })
  ok!: boolean;

  @ApiProperty({ example: '2026-12-06T23:40:00.000+04:00' })
  checkedAt!: string;

  @ApiProperty({ example: 'https://odoo.sicalait.example', description: 'Odoo server checked (origin only)' })
  odoo!: string;

  @ApiProperty({ type: [ContractPointView] })
  points!: ContractPointView[];
}
