// Every file of the script-tag distribution is ASCII-only. A classic script is decoded
// with the charset of its response, else the page's own encoding (HTML, "fetch a classic
// script"): served as `text/javascript` without a charset to a windows-1252 or EUC-KR
// page, raw UTF-8 turns into other characters, and a Hangul range in a pattern stops
// the whole file ("Range out of order in character class"). Escaped, the same file
// means the same thing under any ASCII-compatible encoding.
import { readFileSync, writeFileSync } from 'node:fs';

const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

/**
 * The same JavaScript with every non-ASCII character written as `\uXXXX` (two of them,
 * a surrogate pair, above U+FFFF). Those escapes mean the character itself in strings,
 * untagged and tagged templates' cooked text, patterns (with or without the `u` flag),
 * identifiers and comments, which is everywhere a minifier leaves such a character.
 * A backslash before the character (an identity escape, `"\é"`) is dropped: the escape
 * replaces it.
 */
export function escapeNonAscii(source: string): string {
  return source.replace(/(\\*)([^\p{ASCII}])/gu, (_, slashes: string, char: string) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += hex(char.charCodeAt(i));
    return kept + escaped;
  });
}

/** Offsets of non-ASCII bytes in a file (the first few), for the build's check. */
export function nonAsciiBytes(bytes: Uint8Array, limit = 5): number[] {
  const found: number[] = [];
  for (let i = 0; i < bytes.length && found.length < limit; i++) if (bytes[i]! > 0x7f) found.push(i);
  return found;
}

/** Rewrites each file ASCII-only, then fails if any byte above 0x7f is left. */
export function makeAsciiOnly(paths: string[]): void {
  for (const path of paths) {
    writeFileSync(path, escapeNonAscii(readFileSync(path, 'utf8')));
    const left = nonAsciiBytes(readFileSync(path));
    if (left.length)
      throw new Error(
        `${path} has non-ASCII bytes at ${left.join(', ')}: a page in another encoding would misread it`,
      );
  }
}
