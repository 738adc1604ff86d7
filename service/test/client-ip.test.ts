import { ClientIpResolver } from '../src/client-ip';

describe('client IP', () => {
  const resolver = new ClientIpResolver(['10.0.0.0/8', '127.0.0.1']);

  test.each([
    ['no proxies configured ignores the header', new ClientIpResolver([]), '127.0.0.1', '203.0.113.9', '127.0.0.1'],
    ['untrusted peer ignores the header', resolver, '198.51.100.7', '203.0.113.9', '198.51.100.7'],
    ['trusted peer uses the last hop', resolver, '10.1.2.3', '203.0.113.9', '203.0.113.9'],
    ['skips trusted hops from the right', resolver, '10.1.2.3', '203.0.113.9, 10.0.0.5', '203.0.113.9'],
    ['a spoofed first hop is not believed', resolver, '10.1.2.3', '1.1.1.1, 203.0.113.9', '203.0.113.9'],
    ['IPv4-mapped peer is normalised', resolver, '::ffff:127.0.0.1', '203.0.113.9', '203.0.113.9'],
    ['garbage hop stops the walk', resolver, '10.1.2.3', 'not-an-ip', '10.1.2.3'],
    ['missing header keeps the peer', resolver, '10.1.2.3', undefined, '10.1.2.3'],
  ])('%s', (_name, subject, peer, forwardedFor, expected) => {
    expect(subject.resolve(peer, forwardedFor)).toBe(expected);
  });
});
