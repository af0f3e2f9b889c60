import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { isLoopback } from '../src/index.ts';

// The guard is loaded by the shared vitest config's setupFiles, exactly as in every other package.
describe('network guard', () => {
  it('classifies loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.3.4.5', 'localhost', '::1', '[::1]', undefined])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['169.254.169.254', '10.0.0.1', '8.8.8.8', 'example.com', '::ffff:10.0.0.1'])
      expect(isLoopback(host)).toBe(false);
  });

  // Targets use port 0, which Node itself rejects before sending anything: were the guard ever broken, these
  // tests fail with Node's port error instead of sending a packet off the machine.
  it('refuses a TCP connection to a non-loopback address', () => {
    expect(() => net.connect({ host: '192.0.2.1', port: 0 })).toThrow(/network guard/);
    expect(() => new net.Socket().connect(0, '192.0.2.1')).toThrow(/network guard/);
  });

  it('refuses a DNS lookup of a public name', async () => {
    expect(() => dns.lookup('guard-test.invalid', () => {})).toThrow(/network guard/);
    await expect(dns.promises.lookup('guard-test.invalid')).rejects.toThrow(/network guard/);
  });

  it('refuses fetch to a non-loopback host', async () => {
    const failure = await fetch('http://192.0.2.1:0/').then(
      () => undefined,
      (err: Error) => err,
    );
    expect(String((failure?.cause as Error | undefined)?.message ?? failure)).toMatch(/network guard/);
  });

  it('allows loopback traffic', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('ok');
    server.close();
  });
});
