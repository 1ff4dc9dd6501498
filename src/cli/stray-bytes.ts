// Bytes of a UTF-8 file that are part of no character: the CSV reader (csv.ts) decodes each as a
// lone surrogate, U+DC80 to U+DCFF (as Python's surrogateescape does), which no text decoded from
// valid bytes holds; a cell that has one held such a byte, exactly, whereas U+FFFD may be in a file
// as a character of its own. Its own module so that the import's writing thread can write a rejected
// row back as it was without loading the reader.

/** u: a lone surrogate, never the second half of an emoji's pair (💔 is D83D DC94). */
export const STRAY_BYTE = /[\uDC80-\uDCFF]/u;
/** Every stray byte of a text (replace and matchAll do not share its position between calls). */
export const STRAY_BYTES = new RegExp(STRAY_BYTE.source, 'gu');

/** The character a stray byte (0x80 to 0xFF) is read as. */
export function strayByte(byte: number): string {
  return String.fromCharCode(0xdc00 + byte);
}

/** Text as UTF-8, each stray byte written back as the byte it was (not as U+FFFD's three). */
export function withStrayBytes(text: string): Buffer {
  if (!STRAY_BYTE.test(text)) return Buffer.from(text);
  const parts: Buffer[] = [];
  let from = 0;
  for (const match of text.matchAll(STRAY_BYTES)) {
    parts.push(Buffer.from(text.slice(from, match.index)), Buffer.from([match[0].charCodeAt(0) - 0xdc00]));
    from = match.index + 1;
  }
  parts.push(Buffer.from(text.slice(from)));
  return Buffer.concat(parts);
}
