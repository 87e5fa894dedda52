import { IsId } from '../../common/http/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class ExportTypeParamDto {
  @ApiProperty({ enum: ['clients', 'articles', 'all'] })
  @IsString()
  @MaxLength(20)
  type!: string;
}

export class ResolveMemberDto {
  @ApiPropertyOptional({ example: '1873', description: 'Code_Client Urcoopa (prioritaire sur le nom)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  codeClient?: string;

  @ApiPropertyOptional({
    example: 'EARL DES TAMARINS',
    description: 'Nom_Client Urcoopa (tous ses codes clients)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  nomClient?: string;

  @ApiProperty({ example: 7012, description: 'Id du partenaire Odoo (res.partner), vérifié dans Odoo' })
  @IsId()
  odooPartnerId!: number;
}

export class ResolveArticleDto {
  @ApiPropertyOptional({ example: '31040N25AA', description: 'Code_Produit Urcoopa' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code?: string;

  @ApiPropertyOptional({ example: 'TRANSPORT', description: 'Libellé d’une ligne sans code (ligne 900)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  libelle?: string;

  @ApiProperty({ example: 301, description: 'Id du produit Odoo (product.product), vérifié dans Odoo' })
  @IsId()
  odooProductId!: number;
}

export class UnknownMemberView {
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) codeClient!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstSeenAt!: Date | null;
  @ApiProperty({ type: [String], description: 'Factures en attente concernées' }) factures!: string[];
}

export class UnknownArticleView {
  @ApiProperty({ description: 'Code_Produit, ou libellé pour une ligne sans code' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) libelle!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstSeenAt!: Date | null;
  @ApiProperty({ type: [String] }) factures!: string[];
}

export class UnknownStoreView {
  @ApiProperty() codeClient!: string;
  @ApiProperty({ type: String, nullable: true }) nom!: string | null;
  @ApiProperty({ type: [String] }) factures!: string[];
}

export class UnknownCountsView {
  @ApiProperty() adherents!: number;
  @ApiProperty() articles!: number;
  @ApiProperty() magasins!: number;
}

export class UnknownsView {
  @ApiProperty({ type: UnknownCountsView }) counts!: UnknownCountsView;
  @ApiProperty({ type: [UnknownMemberView] }) adherents!: UnknownMemberView[];
  @ApiProperty({ type: [UnknownArticleView] }) articles!: UnknownArticleView[];
  @ApiProperty({ type: [UnknownStoreView], description: 'Magasins absents de sic_depot' })
  magasins!: UnknownStoreView[];
}

export class ResetResultView {
  @ApiProperty() lignesRemisesATraiter!: number;
  @ApiProperty() adherentsSupprimes!: number;
  @ApiProperty() articlesSupprimes!: number;
}

export class ResolutionResultView {
  @ApiProperty({ type: [String] }) mappings!: string[];
  @ApiProperty() odooId!: number;
  @ApiProperty() odooName!: string;
  @ApiProperty() rowsUpdated!: number;
  @ApiProperty({ type: [String] }) invoices!: string[];
  @ApiProperty({ type: [String], description: 'Factures adhérents désormais prêtes' }) ready!: string[];
}

export const EXPORT_TYPE_VALUES = ['clients', 'articles', 'all'];
