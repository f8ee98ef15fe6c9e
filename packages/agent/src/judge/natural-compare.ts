/** Orders names the way people number tests: "2" before "10", "a9" before "a10". */
export function compareNaturally(left: string, right: string): number {
  const leftParts = left.match(/\d+|\D+/g) ?? [];
  const rightParts = right.match(/\d+|\D+/g) ?? [];
  for (let index = 0; index < Math.min(leftParts.length, rightParts.length); index++) {
    const a = leftParts[index];
    const b = rightParts[index];
    if (a === b) continue;
    const bothNumeric = /^\d/.test(a) && /^\d/.test(b);
    if (bothNumeric) {
      const difference = BigInt(a) - BigInt(b);
      if (difference !== 0n) return difference < 0n ? -1 : 1;
      return a.length - b.length; // "01" after "1": stable and deterministic
    }
    return a < b ? -1 : 1;
  }
  return leftParts.length - rightParts.length;
}
