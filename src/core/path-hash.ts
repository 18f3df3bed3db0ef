/**
 * A 128-bit hash of a string as 32 hex digits, for naming cache files by a
 * path (the probe cache). Not cryptographic: an entry found under a name is
 * still checked against the key it holds, so a collision is a miss, never
 * another interpreter's facts. It spares a shim's miss loading node:crypto
 * (bench/LEVERS.md). Four FNV-1a lanes with different offsets, each mixed
 * at the end (murmur3's finaliser) so that nearby paths spread.
 */
export function pathHash(text: string): string {
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x5bd1e995, 0x9e3779b9, 0x85ebca6b];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul((lanes[l] as number) ^ (c + l), 0x01000193);
  }
  return lanes
    .map((h, l) => {
      let x = h ^ (text.length + l * 0x27d4eb2d);
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      x ^= x >>> 16;
      return (x >>> 0).toString(16).padStart(8, '0');
    })
    .join('');
}
