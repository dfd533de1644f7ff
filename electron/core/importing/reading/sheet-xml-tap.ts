import { columnIndex } from './parsed-sheet';

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const SHEET_DATA_END = Buffer.from('</sheetData>');
const DIMENSION = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/;
const MERGE_CELL = /<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g;
const MAX_TAIL_CHARS = 32 * 1024 * 1024;

/**
 * Watches a worksheet's XML as it streams past exceljs's parser. exceljs's streaming reader
 * ignores <mergeCells> (which follow the rows) and the <dimension> (which gives a row count
 * for progress); both are read here from the raw chunks without a second parse.
 */
export class SheetXmlTap {
  dimensionRows: number | null = null;
  private seenFirst = false;
  private inTail = false;
  private tail = '';
  private carry: Buffer = Buffer.alloc(0);

  wrap(source: AsyncIterable<Buffer | string>): AsyncIterable<Buffer | string> {
    const see = (chunk: Buffer) => this.see(chunk);
    return (async function* () {
      for await (const chunk of source) {
        see(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        yield chunk;
      }
    })();
  }

  private see(chunk: Buffer): void {
    if (!this.seenFirst) {
      this.seenFirst = true;
      const m = DIMENSION.exec(chunk.subarray(0, 4096).toString('utf8'));
      if (m) this.dimensionRows = m[1] ? Number(m[1]) : 1;
    }
    if (this.inTail) {
      if (this.tail.length < MAX_TAIL_CHARS) this.tail += chunk.toString('utf8');
      return;
    }
    let at = chunk.indexOf(SHEET_DATA_END);
    let found = at >= 0;
    if (!found && this.carry.length > 0) {
      // The closing tag may straddle two chunks.
      const seam = Buffer.concat([this.carry, chunk.subarray(0, SHEET_DATA_END.length)]);
      found = seam.indexOf(SHEET_DATA_END) >= 0;
      at = 0;
    }
    if (found) {
      this.inTail = true;
      this.tail = chunk.subarray(at).toString('utf8');
      return;
    }
    this.carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - SHEET_DATA_END.length)));
  }

  merges(): MergeRange[] {
    const out: MergeRange[] = [];
    for (const m of this.tail.matchAll(MERGE_CELL)) {
      out.push({ left: columnIndex(m[1]), top: Number(m[2]), right: columnIndex(m[3]), bottom: Number(m[4]) });
    }
    return out;
  }
}
