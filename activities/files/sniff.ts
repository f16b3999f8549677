import { HEAD_BYTES as SNIFF_BYTES } from './store';

/**
 * What a file is, from its first bytes (magic numbers), never from its name: an executable named `.pdf` is an
 * executable. `file-type` is ESM only and the project builds CommonJS, so Heli reads the few types it accepts itself.
 */
export interface Sniffed {
  /** The media type Heli serves the file as. */
  type: string;
  /** Whether an attachment of this type is accepted. */
  accepted: boolean;
}

const starts = (b: Buffer, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, s: string, at = 0) => starts(b, [...Buffer.from(s, 'latin1')], at);

/** An OOXML document (a zip whose first entry names its part): docx, xlsx, pptx; another zip is refused. */
function ooxml(head: Buffer): string | undefined {
  const text = head.toString('latin1');
  if (text.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (text.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (text.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  if (text.includes('[Content_Types].xml') || text.includes('_rels/.rels')) {
    // The parts may come after the first 4 KB: still an Office document by its content-types part.
    return 'application/vnd.openxmlformats-officedocument';
  }
  return undefined;
}

/** Text: valid UTF-8 (or GB18030, as Chinese office software writes it) without control characters but tab/CR/LF. */
function isText(head: Buffer, complete: boolean): boolean {
  if (head.length === 0) return false;
  if (head.some((c) => c === 0 || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f)) {
    return false;
  }
  // A multi-byte character cut at the end of the sniffed bytes is no error.
  const body = complete ? head : head.subarray(0, Math.max(0, head.length - 4));
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(body);
      return true;
    } catch {
      // try the next encoding
    }
  }
  return false;
}

/** Reads `head` (the first up to SNIFF_BYTES bytes; `complete` when that is the whole file). */
export function sniff(head: Buffer, complete = head.length < SNIFF_BYTES): Sniffed {
  const yes = (type: string) => ({ type, accepted: true });
  const no = (type: string) => ({ type, accepted: false });
  if (ascii(head, '%PDF-')) return yes('application/pdf');
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return yes('image/png');
  if (starts(head, [0xff, 0xd8, 0xff])) return yes('image/jpeg');
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return yes('image/gif');
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return yes('image/webp');
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return yes('application/x-ole-storage');
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    const office = ooxml(head);
    return office ? yes(office) : no('application/zip');
  }
  if (starts(head, [0x7f, 0x45, 0x4c, 0x46])) return no('application/x-elf');
  if (ascii(head, 'MZ')) return no('application/x-msdownload');
  if (starts(head, [0xcf, 0xfa, 0xed, 0xfe]) || starts(head, [0xfe, 0xed, 0xfa, 0xcf]))
    return no('application/x-mach-binary');
  if (ascii(head, '#!')) return no('text/x-shellscript');
  if (starts(head, [0x1f, 0x8b])) return no('application/gzip');
  if (ascii(head, 'Rar!')) return no('application/vnd.rar');
  if (starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return no('application/x-7z-compressed');
  if (/^\s*<(!doctype\s+html|html|svg|\?xml|script)/i.test(head.subarray(0, 256).toString('latin1'))) {
    return no('text/html');
  }
  if (starts(head, [0xef, 0xbb, 0xbf]))
    return isText(head.subarray(3), complete) ? yes('text/plain') : no('application/octet-stream');
  if (isText(head, complete)) return yes('text/plain');
  return no('application/octet-stream');
}
