// CRC-32 (IEEE 802.3, as zlib and PNG compute it), for the build's PNG icons and the tests' model
// files. Written out because node:zlib has crc32 only from Node 20.15 on, and a fresh Debian 12
// installs Node 18.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

// CRC-32 of `bytes` (a Uint8Array or Buffer).
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
