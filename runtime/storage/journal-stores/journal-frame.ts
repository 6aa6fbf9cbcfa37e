// On-disk framing of one journal record, shared by every journal store:
//
//   u32 LE  payload length
//   u32 LE  CRC-32 of (seq bytes + payload)
//   f64 LE  seq
//   bytes   payload
//
// A crash mid-append leaves a short or mismatching last frame; parseFrames stops at the first
// such frame and reports how many bytes after it were dropped.

export interface JournalRecord {
  seq: number;
  payload: Uint8Array;
}

export const FRAME_HEADER_BYTES = 16;
// A frame longer than this is treated as corruption rather than allocating gigabytes on replay.
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

export function encodeFrame(record: JournalRecord): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + record.payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, record.payload.length, true);
  view.setFloat64(8, record.seq, true);
  frame.set(record.payload, FRAME_HEADER_BYTES);
  view.setUint32(4, crc32(frame.subarray(8)), true);
  return frame;
}

export interface ParsedFrames {
  records: JournalRecord[];
  /** Length of the intact prefix; everything after it is a torn or corrupt tail. */
  validBytes: number;
  droppedBytes: number;
}

export function parseFrames(bytes: Uint8Array): ParsedFrames {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: JournalRecord[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= bytes.length) {
    const length = view.getUint32(offset, true);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (length > MAX_PAYLOAD_BYTES || end > bytes.length) break;
    const checksum = view.getUint32(offset + 4, true);
    if (crc32(bytes.subarray(offset + 8, end)) !== checksum) break;
    const seq = view.getFloat64(offset + 8, true);
    if (!Number.isSafeInteger(seq) || seq <= 0) break;
    records.push({ seq, payload: bytes.slice(offset + FRAME_HEADER_BYTES, end) });
    offset = end;
  }
  return { records, validBytes: offset, droppedBytes: bytes.length - offset };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), the checksum zlib and gzip use. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
