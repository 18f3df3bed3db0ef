/**
 * The argv-bytes corpus: arguments that a shell, a quoting bug or a decoder
 * would change, as the bytes that must reach pip unchanged. Shared by
 * test/shell/argv-bytes.test.ts and the per-shell suite (shells.test.ts).
 */
const B = (s: string) => Buffer.from(s, 'utf8');

export const TRICKY: readonly Buffer[] = [
  B("it's!"),
  B('~'),
  B('~/x'),
  B('~root'),
  B('$(echo hi)'),
  B('`id`'),
  B('$HOME'),
  B('a\\b\\\\'),
  B('line1\nline2\n'),
  B(''),
  B('"double" \'single\''),
  B('  spaces  '),
  B('*'),
  B('--no-such-option=~/é'),
  B('é ü 中'),
  Buffer.from([0x66, 0xff, 0xfe, 0x80, 0x67]),
  Buffer.from([0xc3, 0x28]),
  B('\t!#;&|<>()'),
];
