import { sniff } from '../../activities/files/sniff';
import { contentDisposition, fileNameOf } from '../../api/use-cases/attachments';

/** Issue 21 item 1: what a file is, read from its first bytes; how its name is kept and sent back. */
describe('reading a file’s type from its content', () => {
  const bytes = (...parts: (number[] | string)[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

  it.each([
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'image/jpeg'],
    ['a GIF', bytes('GIF89a\x01\x00'), 'image/gif'],
    ['a WebP', bytes('RIFF\x24\x00\x00\x00WEBPVP8 '), 'image/webp'],
    [
      'an OLE document (doc, xls)',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
      'application/x-ole-storage',
    ],
    [
      'a docx',
      bytes([0x50, 0x4b, 0x03, 0x04], '\x14\x00\x06\x00[Content_Types].xml...word/document.xml'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an xlsx',
      bytes([0x50, 0x4b, 0x03, 0x04], '\x14\x00xl/workbook.xml'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['UTF-8 text', Buffer.from('关于背街小巷整治情况的报告\r\n一、基本情况\n', 'utf8'), 'text/plain'],
    ['UTF-8 text with a BOM', Buffer.from('\ufeff整改台账\n', 'utf8'), 'text/plain'],
    // 「整改台账」 in GB18030 (GBK), as Chinese office software saves a .txt.
    ['GB18030 text', bytes([0xd5, 0xfb, 0xb8, 0xc4, 0xcc, 0xa8, 0xd5, 0xcb, 0x0a]), 'text/plain'],
  ])('accepts %s', (_what, head, type) => {
    expect(sniff(head)).toEqual({ type, accepted: true });
  });

  it.each([
    ['an ELF executable', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'application/x-elf'],
    ['a Windows executable', bytes('MZ\x90\x00\x03'), 'application/x-msdownload'],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /\n'), 'text/x-shellscript'],
    ['an HTML page', bytes('<!DOCTYPE html><script>alert(1)</script>'), 'text/html'],
    ['an SVG (it may carry script)', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'text/html'],
    ['a zip that is no Office document', bytes([0x50, 0x4b, 0x03, 0x04], 'payload.exe'), 'application/zip'],
    ['a gzip archive', bytes([0x1f, 0x8b, 8, 0]), 'application/gzip'],
    ['binary data', bytes([0, 1, 2, 3, 0xff, 0xfe]), 'application/octet-stream'],
  ])('refuses %s, naming what it is', (_what, head, type) => {
    expect(sniff(head)).toEqual({ type, accepted: false });
  });

  it('does not take a multi-byte character cut at the end of the bytes it reads for binary', () => {
    const text = Buffer.from('整'.repeat(1367), 'utf8'); // 4,101 bytes: the 4,100 read end inside a character
    expect(sniff(text.subarray(0, 4100), false)).toEqual({ type: 'text/plain', accepted: true });
  });
});

describe('an attachment’s name', () => {
  it('is kept as given, without a folder path or control characters', () => {
    expect(fileNameOf('C:\\Users\\王\\整改报告（终稿）.pdf')).toBe('整改报告（终稿）.pdf');
    expect(fileNameOf('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(fileNameOf('')).toBe('附件');
  });

  it('is sent as an ASCII fallback and as RFC 5987 UTF-8', () => {
    expect(contentDisposition('关于"整改"的报告 (1).pdf')).toBe(
      `attachment; filename="_________ (1).pdf"; filename*=UTF-8''%E5%85%B3%E4%BA%8E%22%E6%95%B4%E6%94%B9%22%E7%9A%84%E6%8A%A5%E5%91%8A%20%281%29.pdf`,
    );
  });
});
