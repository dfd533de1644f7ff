import { Readable } from 'node:stream';
import { utf8Text, type ZipArchive } from './zip-archive';

/**
 * The private part readers of exceljs's streaming WorkbookReader (exceljs 4.x). Its public
 * `parse()` walks the archive with a streaming unzip that, about one read in eight, ends before
 * the last entries (xl/workbook.xml among them: "Cannot read properties of undefined (reading
 * 'sheets')"), and decodes every chunk on its own, garbling characters split between chunks.
 * `parseWorkbookParts` drives the same part readers from a random-access archive instead.
 * Private methods: exceljs is pinned to 4.4.0 in package.json, and the xlsx tests read every
 * kind of cell through them, so an upgrade that changes them fails there first.
 */
export interface WorkbookPartReaders {
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncIterable<{ eventType: string; value: unknown }>;
  _parseHyperlinks(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

export class NotAWorkbook extends Error {}

/**
 * Yields exceljs's 'shared-strings', 'hyperlinks' and 'worksheet' events with every part a
 * worksheet depends on (relationships, workbook, styles, shared strings) already read, and the
 * worksheets in the order the workbook lists them. Worksheet chunks are raw UTF-8 bytes (the
 * caller taps them before decoding with `utf8Text`); every other part is decoded here.
 */
export async function* parseWorkbookParts(
  reader: WorkbookPartReaders,
  zip: ZipArchive,
): AsyncGenerator<{ eventType: string; value: unknown }> {
  if (!zip.has('xl/workbook.xml')) throw new NotAWorkbook();
  const text = async (name: string) => Readable.from(utf8Text(await zip.open(name)));
  if (zip.has('xl/_rels/workbook.xml.rels')) await reader._parseRels(await text('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(await text('xl/workbook.xml'));
  if (zip.has('xl/styles.xml')) await reader._parseStyles(await text('xl/styles.xml'));
  if (zip.has('xl/sharedStrings.xml')) yield* reader._parseSharedStrings(await text('xl/sharedStrings.xml'));

  for (const sheetNo of worksheetsInBookOrder(reader, zip)) {
    const rels = `xl/worksheets/_rels/sheet${sheetNo}.xml.rels`;
    if (zip.has(rels)) yield* reader._parseHyperlinks(utf8Text(await zip.open(rels)), sheetNo);
    yield* reader._parseWorksheet(await zip.open(`xl/worksheets/sheet${sheetNo}.xml`), sheetNo);
  }
}

/** How many worksheets the archive holds. */
export function worksheetCount(zip: ZipArchive): number {
  return zip.names().filter((name) => WORKSHEET.test(name)).length;
}

/** The numbers N of the archive's xl/worksheets/sheetN.xml, in the workbook's tab order (unlisted ones last). */
function worksheetsInBookOrder(reader: WorkbookPartReaders, zip: ZipArchive): string[] {
  const present = zip
    .names()
    .map((name) => WORKSHEET.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  const targets = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, rel.Target.replace(/^\/?(xl\/)?/, '')]));
  const ordered: string[] = [];
  for (const sheet of reader.model?.sheets ?? []) {
    const no = /^worksheets\/sheet(\d+)\.xml$/.exec(targets.get(sheet.rId) ?? '')?.[1];
    if (no !== undefined && present.includes(no) && !ordered.includes(no)) ordered.push(no);
  }
  return [...ordered, ...present.filter((n) => !ordered.includes(n))];
}
