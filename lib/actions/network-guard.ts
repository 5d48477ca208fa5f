// Where a custom action may send its request. An admin-defined URL is fetched by the server, so without this rule
// it could reach the server's own loopback, the private network or the cloud metadata address (SSRF). The rule is
// checked when an action is saved and again at every call; the call then connects to the very address that was
// checked (pinned-dispatcher.ts: no second DNS lookup, so a name cannot be rebound between the check and the
// connection).
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/** What kind of address an IP is; everything but "public" is refused unless the allow-list names it. */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "carrier-grade NAT"
  | "unique-local"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved";

/** The sentence the model, the form and the Test panel all start with. */
export const NOT_ALLOWED = "this action is not allowed to reach that address";

/** The environment variable of the allow-list: comma-separated hostnames, IP addresses or CIDR ranges. */
export const ALLOWED_HOSTS_VARIABLE = "ACTIONS_ALLOWED_HOSTS";

interface ParsedIp {
  family: 4 | 6;
  /** The address as a 32- or 128-bit number. */
  value: bigint;
}

/** Parses a plain IPv4 or IPv6 address (a zone such as %eth0 is ignored); null for anything else. */
function parseIp(input: string): ParsedIp | null {
  const address = input.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(address);
  if (family === 4) return { family: 4, value: ipv4Value(address) };
  if (family !== 6) return null;
  let text = address;
  let tail: bigint[] = [];
  // An IPv6 address may end in a dotted IPv4 address (::ffff:127.0.0.1): its last two hextets.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4Value(dotted[2]);
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const hextets = (part: string) => (part ? part.split(":").map((hextet) => BigInt(parseInt(hextet, 16))) : []);
  const gap = text.indexOf("::");
  const before = hextets(gap === -1 ? text : text.slice(0, gap));
  const after = [...(gap === -1 ? [] : hextets(text.slice(gap + 2))), ...tail];
  const all = [...before, ...Array<bigint>(8 - before.length - after.length).fill(0n), ...after];
  return { family: 6, value: all.reduce((sum, hextet) => (sum << 16n) | hextet, 0n) };
}

function ipv4Value(address: string): bigint {
  return address.split(".").reduce((sum, octet) => (sum << 8n) | BigInt(Number(octet)), 0n);
}

interface Range {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

function range(cidr: string): Range {
  const [address, bits] = cidr.split("/");
  const parsed = parseIp(address);
  if (!parsed) throw new Error(`not an address: ${cidr}`);
  return { family: parsed.family, base: parsed.value, bits: Number(bits ?? (parsed.family === 4 ? 32 : 128)) };
}

function inRange(ip: ParsedIp, candidate: Range): boolean {
  if (ip.family !== candidate.family) return false;
  const width = BigInt(ip.family === 4 ? 32 : 128);
  const shift = width - BigInt(candidate.bits);
  return ip.value >> shift === candidate.base >> shift;
}

/** The ranges refused by default, first match wins. */
const BLOCKED_RANGES: [AddressKind, Range][] = (
  [
    ["unspecified", "0.0.0.0/8"],
    ["private", "10.0.0.0/8"],
    ["carrier-grade NAT", "100.64.0.0/10"],
    ["loopback", "127.0.0.0/8"],
    ["link-local", "169.254.0.0/16"],
    ["private", "172.16.0.0/12"],
    ["reserved", "192.0.0.0/24"],
    ["private", "192.168.0.0/16"],
    ["reserved", "198.18.0.0/15"],
    ["multicast", "224.0.0.0/4"],
    ["broadcast", "255.255.255.255/32"],
    ["reserved", "240.0.0.0/4"],
    ["unspecified", "::/128"],
    ["loopback", "::1/128"],
    ["unique-local", "fc00::/7"],
    ["link-local", "fe80::/10"],
    // Deprecated site-local: private in all but name.
    ["private", "fec0::/10"],
    ["multicast", "ff00::/8"],
  ] as [AddressKind, string][]
).map(([kind, cidr]) => [kind, range(cidr)]);

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: the IPv4 address decides. */
const EMBEDDING_RANGES = ["::ffff:0:0/96", "::/96", "64:ff9b::/96", "64:ff9b:1::/48"].map(range);
const SIX_TO_FOUR = range("2002::/16");

/**
 * What kind of address `ip` is: loopback, private, link-local, carrier-grade NAT, unique-local, unspecified,
 * multicast, broadcast, reserved, or public. IPv4-mapped (::ffff:127.0.0.1), IPv4-compatible, NAT64 and 6to4 IPv6
 * addresses are judged by the IPv4 address inside. Throws for a string that is not an IP address.
 */
export function classifyAddress(ip: string): AddressKind {
  const parsed = parseIp(ip);
  if (!parsed) throw new Error(`not an IP address: ${ip}`);
  return classifyParsed(parsed);
}

function classifyParsed(parsed: ParsedIp): AddressKind {
  if (parsed.family === 6) {
    if (parsed.value === 0n) return "unspecified";
    if (parsed.value === 1n) return "loopback";
    if (EMBEDDING_RANGES.some((candidate) => inRange(parsed, candidate)))
      return classifyParsed({ family: 4, value: parsed.value & 0xffffffffn });
    if (inRange(parsed, SIX_TO_FOUR)) return classifyParsed({ family: 4, value: (parsed.value >> 80n) & 0xffffffffn });
  }
  return BLOCKED_RANGES.find(([, candidate]) => inRange(parsed, candidate))?.[0] ?? "public";
}

/** The allow-list: hostnames (exact, case-insensitive) and IP addresses or CIDR ranges. */
export interface AllowList {
  hostnames: string[];
  ranges: Range[];
  /** The entries as written, for Settings → Actions. */
  entries: string[];
}

/** A problem in one allow-list entry, or null. */
export function allowListEntryProblem(entry: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry))
    return `'${entry}' is a URL: give only its host (no scheme, port or path)`;
  if (entry.includes("/")) {
    const [address, bits, extra] = entry.split("/");
    const parsed = parseIp(address);
    const width = parsed?.family === 4 ? 32 : 128;
    if (!parsed || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > width)
      return `'${entry}' is not a CIDR range such as 10.1.0.0/16`;
    return null;
  }
  if (parseIp(entry)) return null;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry))
    return `'${entry}' is not a hostname, an IP address or a CIDR range (no scheme, port or path)`;
  return null;
}

/** Parses ACTIONS_ALLOWED_HOSTS ("orders.internal, 10.1.0.0/16, 127.0.0.1"); throws on an entry it cannot read. */
export function parseAllowList(text: string | undefined): AllowList {
  const entries = (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const problems = entries.map(allowListEntryProblem).filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const list: AllowList = { hostnames: [], ranges: [], entries };
  for (const entry of entries) {
    if (entry.includes("/") || parseIp(entry)) list.ranges.push(range(entry));
    else list.hostnames.push(normalHostname(entry));
  }
  return list;
}

let envAllowList: { text: string | undefined; list: AllowList } | undefined;

/** The allow-list in the environment now (read at each call, parsed once per value). */
export function allowListFromEnv(): AllowList {
  const text = process.env[ALLOWED_HOSTS_VARIABLE];
  if (!envAllowList || envAllowList.text !== text) envAllowList = { text, list: parseAllowList(text) };
  return envAllowList.list;
}

function normalHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}

const IPV4_MAPPED = range("::ffff:0:0/96");

/** On the allow-list as written, or (for ::ffff:10.1.2.3) as the IPv4 address it is. */
function addressAllowed(list: AllowList, ip: ParsedIp): boolean {
  const v4 = ip.family === 6 && inRange(ip, IPV4_MAPPED) ? { family: 4 as const, value: ip.value & 0xffffffffn } : null;
  return list.ranges.some((candidate) => inRange(ip, candidate) || (v4 !== null && inRange(v4, candidate)));
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Turns a hostname into its addresses (all of them): the DNS in production, a table in tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Told of every connection before it is made, with the address it goes to; may throw to stop it (tests). */
export type ConnectHook = (target: { address: string; port: number; hostname: string }) => void;

export interface NetworkGuardOptions {
  /** Default: ACTIONS_ALLOWED_HOSTS, read at each check. */
  allowList?: AllowList;
  /** Default: the system's resolver (getaddrinfo, as the rest of the process uses). */
  resolve?: Resolver;
  onConnect?: ConnectHook;
}

/** A refused address: the message says why, after "this action is not allowed to reach that address". */
export class BlockedAddressError extends Error {
  constructor(
    /** Why, e.g. "127.0.0.1 is a loopback address". */
    public readonly reason: string,
  ) {
    super(`${NOT_ALLOWED}: ${reason}`);
    this.name = "BlockedAddressError";
  }
}

/** The name could not be resolved: not a refusal by the rule, the server is just not reachable. */
export class UnresolvedHostError extends Error {
  constructor(hostname: string, cause: unknown) {
    super(
      `could not resolve ${hostname} (${cause instanceof Error && "code" in cause ? String((cause as { code: unknown }).code) : String(cause)})`,
    );
    this.name = "UnresolvedHostError";
  }
}

/** A URL's host, checked: the address to connect to. */
export interface CheckedTarget {
  hostname: string;
  /** The first address the connection goes to. */
  address: string;
  /** Every address checked, in the resolver's order: the connection tries them in turn, and no other. */
  addresses: string[];
  /** The allow-list let it through (a name or an address on it). */
  allowed: boolean;
}

const ALLOW_HINT = `To call your own internal service, add its host to ${ALLOWED_HOSTS_VARIABLE}.`;

function describe(address: string, kind: AddressKind, hostname: string): string {
  const article = kind === "unspecified" ? "an" : "a";
  const shown =
    hostname === address || `[${address}]` === hostname ? address : `${hostname} resolves to ${address}, which`;
  return `${shown} is ${article} ${kind} address. ${ALLOW_HINT}`;
}

/**
 * Checks a URL's host against the rule: every address the host resolves to must be public, unless the allow-list
 * names the host or the address. Returns the address to connect to, or throws BlockedAddressError (refused) or
 * UnresolvedHostError. `localhost` and `*.localhost` are loopback whatever a resolver says.
 */
export async function checkUrl(url: string | URL, options: NetworkGuardOptions = {}): Promise<CheckedTarget> {
  const parsed = typeof url === "string" ? new URL(url) : url;
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new BlockedAddressError(`only http and https are allowed, not ${parsed.protocol}`);
  const list = options.allowList ?? allowListFromEnv();
  // The WHATWG parser has already turned 127.1, 2130706433, 0x7f.1 and %31… into 127.0.0.1, and [::ffff:127.0.0.1] into [::ffff:7f00:1].
  const hostname = normalHostname(parsed.hostname);
  const bare = hostname.replace(/^\[|\]$/g, "");
  const nameAllowed = list.hostnames.includes(hostname);
  const literal = parseIp(bare);
  if (literal) {
    const kind = classifyParsed(literal);
    const allowed = nameAllowed || addressAllowed(list, literal);
    if (kind !== "public" && !allowed) throw new BlockedAddressError(describe(bare, kind, bare));
    return { hostname: bare, address: bare, addresses: [bare], allowed };
  }
  if (!nameAllowed && (hostname === "localhost" || hostname.endsWith(".localhost"))) {
    throw new BlockedAddressError(`${hostname} is a loopback name. ${ALLOW_HINT}`);
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(hostname);
  } catch (error) {
    throw new UnresolvedHostError(hostname, error);
  }
  if (addresses.length === 0) throw new UnresolvedHostError(hostname, "no address");
  for (const { address } of addresses) {
    const ip = parseIp(address);
    if (!ip) throw new BlockedAddressError(`${hostname} resolves to ${address}, which is not an IP address`);
    const kind = classifyParsed(ip);
    if (kind !== "public" && !nameAllowed && !addressAllowed(list, ip))
      throw new BlockedAddressError(describe(address.replace(/%.*$/, ""), kind, hostname));
  }
  return {
    hostname,
    address: addresses[0].address,
    addresses: addresses.map(({ address }) => address),
    allowed: nameAllowed || addresses.some(({ address }) => addressAllowed(list, parseIp(address)!)),
  };
}

/**
 * The save-time check of a URL template: the host as written. A host made of {placeholders} is only known at the
 * call, which checks it then; a name that does not resolve now is not refused (the call checks it again).
 * Returns the refusal, or null.
 */
export async function templateRefusal(
  urlTemplate: string,
  options: NetworkGuardOptions & { timeoutMs?: number } = {},
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(urlTemplate);
  } catch {
    return null; // the schema says what is wrong with it
  }
  if (/[{}]/.test(url.hostname)) return null;
  try {
    const timeoutMs = options.timeoutMs ?? 3_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
    });
    // Only the resolver is raced: a slow DNS does not hold up the save, the call checks again.
    const resolve = options.resolve ?? systemResolver;
    await checkUrl(url, { ...options, resolve: (hostname) => Promise.race([resolve(hostname), timeout]) }).finally(() =>
      clearTimeout(timer),
    );
    return null;
  } catch (error) {
    if (error instanceof BlockedAddressError) return error.message;
    return null;
  }
}
