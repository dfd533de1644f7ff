import { Readable } from 'node:stream';
import { utf8Text, type ZipArchive } from './zip-archive';
import { MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES, MAX_WORKBOOK_PART_BYTES } from '../limits';

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
  /** Filled by `_parseSharedStrings` with sharedStrings: 'cache'. */
  sharedStrings?: unknown[];
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

export class NotAWorkbook extends Error {}

/** A part that would not fit in memory; the message completes "<file name> …". */
export class WorkbookTooLarge extends Error {}

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= 1024 * MB ? `${(bytes / 1024 / MB).toFixed(1)} GB` : `${Math.ceil(bytes / MB)} MB`);

/** The parts held in memory while the sheets are read, refused by their declared sizes before any is parsed. */
function checkDeclaredSizes(zip: ZipArchive): void {
  const strings = zip.has(SHARED_STRINGS) ? zip.size(SHARED_STRINGS) : 0;
  if (strings > MAX_SHARED_STRINGS_BYTES) {
    throw new WorkbookTooLarge(
      `holds ${size(strings)} of shared strings (the text of its cells) once unpacked; an import reads at most ${size(MAX_SHARED_STRINGS_BYTES)}`,
    );
  }
  for (const name of zip.names()) {
    if (name === SHARED_STRINGS || /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    if (/^(xl\/[^/]+\.xml|xl\/_rels\/.*|xl\/worksheets\/_rels\/.*)$/.test(name) && zip.size(name) > MAX_WORKBOOK_PART_BYTES) {
      throw new WorkbookTooLarge(`has a part (${name}) of ${size(zip.size(name))} once unpacked; an import reads at most ${size(MAX_WORKBOOK_PART_BYTES)}`);
    }
  }
}

function tooManyStrings(count: number): WorkbookTooLarge {
  return new WorkbookTooLarge(
    `holds ${count.toLocaleString('en-US')} shared strings (distinct cell texts); an import reads at most ${MAX_SHARED_STRINGS.toLocaleString('en-US')}`,
  );
}

/** The distinct strings the part's <sst> element declares, read from its first bytes (the part itself is not parsed). */
async function declaredStringCount(zip: ZipArchive): Promise<number | null> {
  const stream = await zip.open(SHARED_STRINGS);
  let head = '';
  try {
    for await (const text of utf8Text(stream)) {
      head += text;
      if (head.length >= 4096 || /<(?:\w+:)?sst\b[^>]*>/.test(head)) break;
    }
  } finally {
    stream.destroy();
  }
  const tag = /<(?:\w+:)?sst\b[^>]*>/.exec(head)?.[0] ?? '';
  // uniqueCount is what is cached; count (every cell that refers to one) may rightly be far larger.
  const unique = /\buniqueCount="(\d+)"/.exec(tag)?.[1];
  return unique === undefined ? null : Number(unique);
}

/** The shared strings' text, stopped once the strings cached so far or the bytes read pass their ceiling. */
async function* boundedSharedStrings(chunks: AsyncIterable<string>, reader: WorkbookPartReaders): AsyncGenerator<string> {
  let bytes = 0;
  for await (const text of chunks) {
    bytes += text.length;
    if (bytes > MAX_SHARED_STRINGS_BYTES) throw sharedStringsTooLarge(bytes);
    const cached = reader.sharedStrings?.length ?? 0;
    if (cached > MAX_SHARED_STRINGS) throw tooManyStrings(cached);
    yield text;
  }
}

function sharedStringsTooLarge(bytes: number): WorkbookTooLarge {
  return new WorkbookTooLarge(
    `holds more than ${size(bytes)} of shared strings (the text of its cells); an import reads at most ${size(MAX_SHARED_STRINGS_BYTES)}`,
  );
}

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
  checkDeclaredSizes(zip);
  if (zip.has(SHARED_STRINGS)) {
    const declared = await declaredStringCount(zip);
    if (declared !== null && declared > MAX_SHARED_STRINGS) throw tooManyStrings(declared);
  }
  const text = async (name: string) => Readable.from(utf8Text(await zip.open(name)));
  if (zip.has('xl/_rels/workbook.xml.rels')) await reader._parseRels(await text('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(await text('xl/workbook.xml'));
  if (zip.has('xl/styles.xml')) await reader._parseStyles(await text('xl/styles.xml'));
  if (zip.has(SHARED_STRINGS)) {
    yield* reader._parseSharedStrings(Readable.from(boundedSharedStrings(utf8Text(await zip.open(SHARED_STRINGS)), reader)));
  }

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
