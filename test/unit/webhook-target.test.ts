import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createTargetCheck } from '../../activities/webhook-target';
import { ConfigError, loadConfig } from '../../config';
import { parseAddressRange } from '../../config/address-ranges';

/** A resolver from a table; a name not in it is unknown. Nothing here asks the network. */
const resolver =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<LookupAddress[]> => {
    const addresses = table[host];
    if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
    return addresses.map((address) => ({ address, family: isIP(address) }));
  };

describe('which addresses a webhook may reach', () => {
  const strict = createTargetCheck();

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.254', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.10.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['fd00:ec2::254', 'a unique-local IPv6 address'],
    ['fc00::5', 'a unique-local IPv6 address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved or special-purpose address'],
    ['192.0.2.1', 'a reserved or special-purpose address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:169.254.169.254', 'the cloud metadata address'],
    ['::127.0.0.1', 'a reserved or special-purpose address'],
    ['64:ff9b::a00:1', 'a reserved or special-purpose address'],
    ['2002:7f00:1::', 'a reserved or special-purpose address'],
  ])('refuses %s: %s', (address, what) => {
    expect(strict.refusalOf(address)).toEqual({
      zh: expect.stringContaining(`${address} 是`),
      en: expect.stringContaining(`${address} is ${what};`),
    });
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34'])(
    'lets %s be reached (a public address)',
    (address) => {
      expect(strict.refusalOf(address)).toBeUndefined();
    },
  );

  it('lets an allowed range be reached, in its IPv4-mapped form too, and nothing beside it', () => {
    const check = createTargetCheck({ allowedRanges: ['127.0.0.0/8', '10.8.0.0/16', '169.254.169.254'] });

    expect(['127.0.0.1', '::ffff:127.0.0.1', '10.8.3.4', '169.254.169.254'].map((a) => check.refusalOf(a))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(check.refusalOf('10.9.0.1')?.en).toContain('a private address');
    expect(check.refusalOf('::1')?.en).toContain('a loopback address');
    expect(check.refusalOf('169.254.169.253')?.en).toContain('a link-local address');
  });
});

describe('checking a webhook URL', () => {
  const check = createTargetCheck({
    resolve: resolver({
      'hooks.example.org': ['93.184.216.34'],
      'mixed.example.org': ['93.184.216.34', '10.0.0.7'],
      'inside.example.org': ['::ffff:192.168.0.10'],
    }),
  }).check;

  it.each([
    ['ftp://hooks.example.org/', 'must use http or https'],
    ['https://user:pass@hooks.example.org/', 'must not carry a user name or password'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['http://[::1]:8080/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is a loopback address'],
    ['http://mixed.example.org/', 'the host name mixed.example.org resolves to 10.0.0.7'],
    ['http://inside.example.org/', 'resolves to ::ffff:192.168.0.10, which is a private address'],
    ['not a url', 'not a URL'],
  ])('refuses %s', async (url, why) => {
    const result = await check(url);

    expect(result).toEqual({ kind: 'REFUSED', reason: { zh: expect.any(String), en: expect.stringContaining(why) } });
  });

  it('answers the addresses a name has, to connect to those only', async () => {
    expect(await check('https://hooks.example.org/heli')).toEqual({
      kind: 'ALLOWED',
      url: new URL('https://hooks.example.org/heli'),
      addresses: [{ address: '93.184.216.34', family: 4 }],
    });
  });

  it('says when a name does not resolve, rather than refusing or allowing it', async () => {
    expect(await check('https://nowhere.example.org/')).toEqual({
      kind: 'UNRESOLVED',
      error: expect.stringContaining('ENOTFOUND nowhere.example.org'),
    });
  });
});

describe('WEBHOOK_ALLOWED_RANGES', () => {
  it('is empty unless set: only public addresses by default', () => {
    expect(loadConfig({}).WEBHOOK_ALLOWED_RANGES).toEqual([]);
  });

  it('takes CIDRs and single addresses, separated by commas or spaces', () => {
    expect(loadConfig({ WEBHOOK_ALLOWED_RANGES: '10.8.0.0/16, fd00::/8 192.168.5.5' }).WEBHOOK_ALLOWED_RANGES).toEqual([
      '10.8.0.0/16',
      'fd00::/8',
      '192.168.5.5',
    ]);
  });

  it('stops start-up naming the variable and every entry that is not a range', () => {
    const attempt = () => loadConfig({ WEBHOOK_ALLOWED_RANGES: '10.0.0.0/8,127.1,10.0.0.0/33,intranet' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/WEBHOOK_ALLOWED_RANGES: 127\.1 is not/);
    expect(attempt).toThrow(/WEBHOOK_ALLOWED_RANGES: 10\.0\.0\.0\/33 is not/);
    expect(attempt).toThrow(/WEBHOOK_ALLOWED_RANGES: intranet is not/);
  });

  it.each(['2130706433', '10.0.0.0/8/8', '10.0.0.0/', '::1/129', ''])('does not take %p as a range', (text) => {
    expect(parseAddressRange(text)).toBeUndefined();
  });
});
