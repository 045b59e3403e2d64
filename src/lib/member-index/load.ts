import { scanPages, type ScanOptions, type ScanProgress } from '@/lib/arcgis/paging';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { ResponseShapeError } from '@/lib/arcgis/errors';
import { memberRecordPageSchema, readMemberRecordPage, type MemberRecord } from './record';

export interface LoadMemberRecordsOptions extends ScanOptions {
  /** Each page's members, reduced to records, as the page arrives; `index` is its place in server order. */
  onPage: (index: number, records: MemberRecord[]) => void;
}

/**
 * Reads every member of the organization (`portals/self/users`, 100 a page, a few pages in flight)
 * and reduces each page to member records as soon as it is parsed: only the fields the console
 * reads are validated and kept. Runs in the member index worker (or in the page where there is none).
 */
export function loadMemberRecords(
  client: ArcGISClient,
  opts: LoadMemberRecordsOptions,
): Promise<ScanProgress> {
  return scanPages<MemberRecord>(async (start, num, signal) => {
    const json = await client.request('GET', 'portals/self/users', { params: { start, num }, signal });
    const page = readMemberRecordPage(json) ?? validatePage(json);
    return { total: page.total, num: page.num, nextStart: page.nextStart, items: page.users };
  }, opts);
}

/** A page the quick check did not accept: the schema's verdict (and message), as `apiGet` gives it. */
function validatePage(json: unknown) {
  const result = memberRecordPageSchema.safeParse(json);
  if (!result.success) throw new ResponseShapeError('portals/self/users', result.error.issues);
  return result.data;
}
