import { promises as dns, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { said, type Said } from '../procedures/kernel/said';
import { parseAddressRange } from '../config/address-ranges';

/** Answers every address of a host name (as `dns.lookup` with `all: true`); rejects when it has none. */
export type ResolveHost = (host: string) => Promise<LookupAddress[]>;

/** Where webhooks may go: the operator's allowed ranges (WEBHOOK_ALLOWED_RANGES) and how names are resolved. */
export interface WebhookTargetOptions {
  /** CIDRs (or single addresses) a webhook may reach although they are not public: none by default. */
  allowedRanges?: readonly string[];
  /** Tests resolve names themselves; default `dns.lookup`. */
  resolve?: ResolveHost;
}

/** The outcome of checking a webhook URL: refused, a name that does not resolve (now), or the addresses to use. */
export type TargetCheck =
  | { kind: 'REFUSED'; reason: Said }
  | { kind: 'UNRESOLVED'; error: string }
  | { kind: 'ALLOWED'; url: URL; addresses: LookupAddress[] };

const METADATA = ipaddr.parse('169.254.169.254');
const RESOLVE_TIMEOUT_MS = 5_000;

/** What a refused address is, for the refusal's text. */
const KINDS: Record<string, Said> = {
  metadata: said('云服务器元数据地址', 'the cloud metadata address'),
  loopback: said('本机回环地址', 'a loopback address'),
  private: said('内网（私有）地址', 'a private address'),
  linkLocal: said('链路本地地址', 'a link-local address'),
  uniqueLocal: said('IPv6 唯一本地（内网）地址', 'a unique-local IPv6 address'),
  multicast: said('组播地址', 'a multicast address'),
  broadcast: said('广播地址', 'the broadcast address'),
  unspecified: said('未指定地址', 'an unspecified address'),
  carrierGradeNat: said('运营商级 NAT 地址', 'a carrier-grade NAT address'),
  special: said('保留或特殊用途地址', 'a reserved or special-purpose address'),
};

/**
 * An IPv6 address spelled with hexadecimal pieces only: ipaddr.js reads `::127.0.0.1` (IPv4-compatible) as
 * `::ffff:127.0.0.1` (IPv4-mapped); the URL parser spells it `::7f00:1`, as the kernel sees it. A zone is dropped.
 */
function canonical(address: string): string {
  return isIP(address) === 6 ? new URL(`http://[${address.split('%')[0]}]/`).hostname.slice(1, -1) : address;
}

/** The address as IPv4 when it is an IPv4-mapped IPv6 one (`::ffff:127.0.0.1` is 127.0.0.1 to the kernel). */
function unmapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** Which kind of non-public address this is, or undefined for a public (global unicast) one. */
function kindOf(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  if (address.kind() === 'ipv4') {
    if (address.match(METADATA, 32)) return 'metadata';
    const range = (address as ipaddr.IPv4).range();
    return range === 'unicast' ? undefined : range in KINDS ? range : 'special';
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  // ::/96 (IPv4-compatible, deprecated) is "unicast" to ipaddr.js, but nobody serves webhooks there.
  if (range === 'unicast' && v6.parts.slice(0, 6).every((p) => p === 0)) return 'special';
  // NAT64, 6to4, Teredo and the like carry an IPv4 address inside: refused rather than unwrapped.
  return range === 'unicast' ? undefined : range in KINDS ? range : 'special';
}

/**
 * Builds the check of webhook targets: a URL must be http(s) without credentials, and every address it reaches
 * public, unless an allowed range covers it (issue 15: no SSRF into the operator's network).
 */
export function createTargetCheck({ allowedRanges = [], resolve = resolveWithDns }: WebhookTargetOptions = {}) {
  const allowed = allowedRanges.map((r) => {
    const range = parseAddressRange(r);
    if (!range) throw new Error(`not an address range: ${r}`);
    return range;
  });
  const isAllowed = (address: ipaddr.IPv4 | ipaddr.IPv6) =>
    allowed.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));

  /** Why `address` (a literal IP, reached through `host` when a name) is refused, or undefined when it may be. */
  function refusalOf(address: string, host?: string): Said | undefined {
    if (isIP(address) === 0) return said(`${address} 不是 IP 地址`, `${address} is not an IP address`);
    const ip = unmapped(ipaddr.parse(canonical(address)));
    const kind = kindOf(ip);
    if (kind === undefined || isAllowed(ip)) return undefined;
    const what = KINDS[kind] ?? KINDS.special!;
    return said(
      `${host ? `主机名 ${host} 解析到的 ` : ''}${address} 是${what.zh}，Webhook 不能推送到该地址` +
        '（如确需推送，请系统管理员在 WEBHOOK_ALLOWED_RANGES 中放行该网段）',
      `${host ? `the host name ${host} resolves to ${address}, which` : address} is ${what.en}; ` +
        'webhooks are not sent there (an operator may allow its range in WEBHOOK_ALLOWED_RANGES)',
    );
  }

  /** Checks a URL and, for a host name, every address it resolves to now. */
  async function check(text: string): Promise<TargetCheck> {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url) return { kind: 'REFUSED', reason: said('Webhook 地址不是有效的 URL', 'the webhook URL is not a URL') };
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return {
        kind: 'REFUSED',
        reason: said('Webhook 地址只能使用 http 或 https', 'a webhook URL must use http or https'),
      };
    }
    if (url.username || url.password) {
      return {
        kind: 'REFUSED',
        reason: said('Webhook 地址不能包含用户名或密码', 'a webhook URL must not carry a user name or password'),
      };
    }
    // The URL parser has already turned 2130706433, 0x7f.1 and the like into dotted IPv4.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0) {
      const reason = refusalOf(host);
      return reason ? { kind: 'REFUSED', reason } : { kind: 'ALLOWED', url, addresses: [addressOf(host)] };
    }
    let addresses: LookupAddress[];
    try {
      addresses = await resolve(host);
    } catch (err) {
      return { kind: 'UNRESOLVED', error: `could not resolve ${host}: ${(err as Error).message}` };
    }
    if (addresses.length === 0) return { kind: 'UNRESOLVED', error: `${host} has no address` };
    for (const a of addresses) {
      const reason = refusalOf(a.address, host);
      if (reason) return { kind: 'REFUSED', reason };
    }
    return { kind: 'ALLOWED', url, addresses };
  }

  return { refusalOf, check };
}

const addressOf = (address: string): LookupAddress => ({ address, family: isIP(address) });

/** `dns.lookup` of every address, bounded: a resolver that hangs must not hold a request or a delivery. */
async function resolveWithDns(host: string): Promise<LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${RESOLVE_TIMEOUT_MS} ms`)), RESOLVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([dns.lookup(host, { all: true, verbatim: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
