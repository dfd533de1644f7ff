// Writes .zip archives byte by byte, so a test can make what no well-behaved library would: an entry whose header
// declares one size and whose data inflates to another, a bomb that deflates gigabytes of zeros to a few megabytes.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** Stored (or deflated) as given. */
  data?: Buffer;
  /** Raw deflate data to store as is (with `uncompressedSize`); `data` is ignored. */
  deflated?: Buffer;
  /** The uncompressed size written to the headers; by default the data's true size. */
  declaredSize?: number;
  /** The CRC-32 written to the headers; by default the data's. */
  crc?: number;
  /** Deflate `data` (default true). */
  compress?: boolean;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = e.data ?? Buffer.alloc(0);
    const method = e.deflated || e.compress !== false ? 8 : 0;
    const body = e.deflated ?? (method === 8 ? deflateRawSync(raw) : raw);
    const size = e.declaredSize ?? raw.length;
    const crc = e.crc ?? crc32(raw);
    // version 20, UTF-8 names (bit 11), method, time, date, crc, sizes, name length, extra length
    const common = Buffer.concat([u16(20), u16(0x800), u16(method), u16(0), u16(0x21), u32(crc), u32(body.length), u32(size), u16(name.length), u16(0)]);
    const local = Buffer.concat([u32(0x04034b50), common, name, body]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(central.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, central, end]);
}

/** Raw deflate data of `bytes` zeros: about a thousandth of their size. */
export function deflatedZeros(bytes: number): Buffer {
  return deflateRawSync(Buffer.alloc(bytes), { level: 9 });
}
