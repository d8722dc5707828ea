/**
 * A small GBK encoder for tests: the table is read back from the platform's own GBK decoder
 * (every two-byte GBK code decoded once), so no encoding package is needed.
 */
let table: Map<string, [number, number]> | null = null;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

/** `text` encoded as GBK bytes (ASCII as is); throws on a character GBK lacks. */
export function encodeGbk(text: string): Uint8Array {
  const out: number[] = [];
  const t = gbkTable();
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = t.get(ch);
    if (!pair) throw new Error(`GBK has no ${ch}`);
    out.push(pair[0], pair[1]);
  }
  return Uint8Array.from(out);
}
