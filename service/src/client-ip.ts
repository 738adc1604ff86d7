/**
 * Finds the client address of a request. X-Forwarded-For is believed only when
 * the peer is a configured proxy, and then read from the right, skipping the
 * proxies, so a client cannot choose its own address by sending the header.
 */
import { BlockList, isIP } from 'node:net';

function normalise(address: string): string {
  // Node reports IPv4 peers on dual-stack sockets as IPv4-mapped IPv6 addresses.
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export class ClientIpResolver {
  private readonly trusted = new BlockList();
  private readonly enabled: boolean;

  constructor(trustedProxies: readonly string[]) {
    this.enabled = trustedProxies.length > 0;
    for (const entry of trustedProxies) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) {
        this.trusted.addAddress(address, family);
      } else {
        this.trusted.addSubnet(address, Number(prefix), family);
      }
    }
  }

  private isTrusted(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** Returns the client address for a peer address and the X-Forwarded-For header, if any. */
  resolve(peerAddress: string | undefined, forwardedFor: string | undefined): string {
    let client = normalise(peerAddress ?? 'unknown');
    if (!this.enabled || !forwardedFor || !this.isTrusted(client)) {
      return client;
    }
    const hops = forwardedFor.split(',').map((hop) => normalise(hop.trim())).filter((hop) => hop !== '');
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      if (isIP(hops[index]) === 0) {
        break;
      }
      client = hops[index];
      if (!this.isTrusted(client)) {
        break;
      }
    }
    return client;
  }
}
