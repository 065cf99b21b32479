import { inflateRawSync } from 'node:zlib';

/** The file is not a .docx (a zip holding word/document.xml) this reader understands. */
export class UnreadableWordDocumentError extends Error {
  constructor(reason: string) {
    super(`not a readable Word document: ${reason}`);
    this.name = 'UnreadableWordDocumentError';
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * The visible text of a .docx, paragraph by paragraph: word/document.xml with its tags stripped.
 * Lets a copy be checked as the reader will see it (nothing identifying left, R-RED-INIT), whatever
 * produced it. Reads the zip's central directory with Node's zlib; no zip64, no other parts.
 */
export function readWordDocumentText(document: Buffer): string {
  const xml = readZipEntry(document, 'word/document.xml').toString('utf8');
  return xml
    .split(/<\/w:p>/u)
    .map((paragraph) => decodeXmlEntities(paragraph.replace(/<w:tab\/>/gu, '\t').replace(/<[^>]+>/gu, '')))
    .filter((paragraph) => paragraph.length > 0)
    .join('\n');
}

function readZipEntry(zip: Buffer, wanted: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new UnreadableWordDocumentError('no zip directory');
  const entries = zip.readUInt16LE(end + 10);
  let cursor = zip.readUInt32LE(end + 16);
  for (let entry = 0; entry < entries; entry += 1) {
    if (zip.readUInt32LE(cursor) !== CENTRAL_DIRECTORY_ENTRY) throw new UnreadableWordDocumentError('damaged zip directory');
    const method = zip.readUInt16LE(cursor + 10);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const localHeader = zip.readUInt32LE(cursor + 42);
    const name = zip.toString('utf8', cursor + 46, cursor + 46 + nameLength);
    if (name === wanted) return entryData(zip, localHeader, compressedSize, method);
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  throw new UnreadableWordDocumentError(`${wanted} is missing`);
}

function entryData(zip: Buffer, localHeader: number, compressedSize: number, method: number): Buffer {
  if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new UnreadableWordDocumentError('damaged zip entry');
  const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (method === STORED) return data;
  if (method === DEFLATED) return inflateRawSync(data);
  throw new UnreadableWordDocumentError(`unsupported zip compression method ${method}`);
}

function decodeXmlEntities(text: string): string {
  return text
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&#(\d+);/gu, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/giu, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/gu, '&');
}
