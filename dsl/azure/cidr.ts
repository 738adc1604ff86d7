/** IPv4 CIDR ranges as inclusive [first, last] address numbers. */

export interface AddressRange {
  first: number;
  last: number;
}

/** Parses `prefix` such as `10.0.0.0/24` into its range, or returns undefined when it is not IPv4 CIDR notation. */
export function parseCidr(prefix: string): AddressRange | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(prefix);
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((octet) => octet > 255) || bits > 32) {
    return undefined;
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  const first = Math.floor(address / size) * size;
  return { first, last: first + size - 1 };
}

export function contains(outer: AddressRange, inner: AddressRange): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps(a: AddressRange, b: AddressRange): boolean {
  return a.first <= b.last && b.first <= a.last;
}
