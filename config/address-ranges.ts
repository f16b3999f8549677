import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** An address range: a network address and its prefix length. */
export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses one range of WEBHOOK_ALLOWED_RANGES: a CIDR (`10.8.0.0/16`, `fd00::/8`) or a single address (`/32`,
 * `/128`); undefined when it is neither. Only the usual spellings: `127.1` or `2130706433` are not addresses here.
 */
export function parseAddressRange(text: string): AddressRange | undefined {
  const [address = '', bits, ...rest] = text.trim().split('/');
  if (rest.length > 0 || isIP(address) === 0) return undefined;
  if (bits === undefined) {
    const ip = ipaddr.parse(address);
    return [ip, ip.kind() === 'ipv4' ? 32 : 128];
  }
  return /^\d{1,3}$/.test(bits) && ipaddr.isValidCIDR(`${address}/${bits}`)
    ? ipaddr.parseCIDR(`${address}/${bits}`)
    : undefined;
}
