import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimedType, decideAttachment, MISMATCH_MESSAGE, sniffBuffer, UNSUPPORTED_MESSAGE } from './attachments.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('PE\0\0')]);
const HTML = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');

describe('attachment sniffing (by content, checked against the name)', () => {
  it('reads the claimed type from the extension', () => {
    expect(claimedType('检查笔录.PDF')).toBe('pdf');
    expect(claimedType('a.jpeg')).toBe('jpg');
    expect(claimedType('a.JPG')).toBe('jpg');
    expect(claimedType('a.ofd')).toBe('ofd');
    expect(claimedType('a.docx')).toBe('docx');
    expect(claimedType('a.exe')).toBeNull();
    expect(claimedType('pdf')).toBeNull();
  });

  it('accepts real PDF, PNG and JPEG files', async () => {
    expect(await sniffBuffer('笔录.pdf', PDF)).toEqual({ ok: true, type: 'pdf', mediaType: 'application/pdf' });
    expect(await sniffBuffer('现场.png', PNG)).toEqual({ ok: true, type: 'png', mediaType: 'image/png' });
    expect(await sniffBuffer('现场.jpg', JPEG)).toEqual({ ok: true, type: 'jpg', mediaType: 'image/jpeg' });
  });

  it('refuses a .pdf that is an exe, an HTML page or an image, and unsupported names', async () => {
    expect(await sniffBuffer('笔录.pdf', EXE)).toEqual({ ok: false, message: MISMATCH_MESSAGE });
    expect(await sniffBuffer('笔录.pdf', HTML)).toEqual({ ok: false, message: MISMATCH_MESSAGE });
    expect(await sniffBuffer('笔录.pdf', PNG)).toEqual({ ok: false, message: MISMATCH_MESSAGE });
    expect(await sniffBuffer('现场.png', PDF)).toEqual({ ok: false, message: MISMATCH_MESSAGE });
    expect(await sniffBuffer('tool.exe', EXE)).toEqual({ ok: false, message: UNSUPPORTED_MESSAGE });
    expect(MISMATCH_MESSAGE).toBe('附件内容与类型不符');
  });

  it('needs %PDF- itself: a detector answer alone does not make a PDF', () => {
    expect(decideAttachment('a.pdf', Buffer.from('%PDFx'), 'pdf', false).ok).toBe(false);
    expect(decideAttachment('a.pdf', Buffer.from('%PDF-1.4'), 'pdf', false).ok).toBe(true);
    expect(decideAttachment('a.ofd', Buffer.from('PK'), 'zip', false).ok).toBe(false);
    expect(decideAttachment('a.ofd', Buffer.from('PK'), 'zip', true).ok).toBe(true);
    expect(decideAttachment('a.docx', Buffer.from('PK'), 'docm', false).ok).toBe(false);
  });

  it('fuzz: random bytes never crash the sniffer and are never a PDF unless they start with %PDF-', async () => {
    const names = fc.constantFrom('a.pdf', 'b.png', 'c.jpg', 'd.docx', 'e.xlsx', 'f.ofd', 'g.exe', 'h');
    const prefix = fc.constantFrom(
      Buffer.alloc(0),
      Buffer.from('%PDF'),
      Buffer.from('%PDF-'),
      Buffer.from('PK\x03\x04'),
      Buffer.from([0xff, 0xd8, 0xff]),
      PNG.subarray(0, 8),
      Buffer.from('MZ'),
    );
    await fc.assert(
      fc.asyncProperty(names, prefix, fc.uint8Array({ maxLength: 2048 }), async (name, head, tail) => {
        const bytes = Buffer.concat([head, Buffer.from(tail)]);
        const r = await sniffBuffer(name, bytes);
        if (r.ok && r.type === 'pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        if (r.ok) expect(claimedType(name)).toBe(r.type);
        else expect([MISMATCH_MESSAGE, UNSUPPORTED_MESSAGE]).toContain(r.message);
      }),
      { numRuns: 400 },
    );
  });
});
