import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditCsvExport', { description: 'A filtered range of the audit log as CSV. The export is itself an audit event.' })
export class AuditCsvExportModel {
  @Field({ description: 'RFC 4180 CSV with a header row, newest first; cells that a spreadsheet would run as a formula are prefixed with a quote mark.' })
  csv!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field({ description: 'True when more events matched than one export holds (AUDIT_CSV_MAX_ROWS): narrow the time range and export again.' })
  truncated!: boolean;
}
