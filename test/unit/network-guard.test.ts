import { describe, expect, it } from "vitest";
import {
  BlockedAddressError,
  checkUrl,
  classifyAddress,
  parseAllowList,
  templateRefusal,
  type Resolver,
} from "@/lib/actions/network-guard";
import { parseConfig } from "@/lib/config";

// Pure checks: nothing here opens a connection. The resolver is a table; a name it does not know fails the test.
const table =
  (entries: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const addresses = entries[hostname];
    if (!addresses) throw new Error(`the test resolver was asked for ${hostname}`);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
const noAllowList = parseAllowList("");

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["::ffff:10.1.2.3", "private"],
    ["fec0::1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:a9fe:a9fe::1", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["100.128.0.1", "public"],
    ["192.169.0.1", "public"],
    ["2606:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it("throws for something that is not an address", () => {
    expect(() => classifyAddress("localhost")).toThrow(/not an IP address/);
    expect(() => classifyAddress("127.1")).toThrow(/not an IP address/);
  });
});

describe("checkUrl", () => {
  it.each([
    "http://localhost/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.000.000.001/",
    "http://%31%32%37.0.0.1/",
    "http://0.0.0.0/",
    "http://0/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0xa9fea9fe/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "https://user:pass@127.0.0.1:8443/path",
  ])("refuses %s without asking the DNS", async (url) => {
    const error = await checkUrl(url, { allowList: noAllowList, resolve: table({}) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toMatch(
      /^this action is not allowed to reach that address: .+ (is a|is an) .+ACTIONS_ALLOWED_HOSTS\.$/,
    );
  });

  it("refuses a name when any of its addresses is internal, and says which", async () => {
    const resolve = table({
      "metadata.google.internal": ["169.254.169.254"],
      "mixed.example": ["203.0.113.5", "192.168.1.10"],
      "v6.example": ["2001:db8::1", "fd12::1"],
      "mapped.example": ["::ffff:10.0.0.1"],
      "public.example": ["203.0.113.5", "2001:db8::1"],
    });
    const refusal = (url: string) =>
      checkUrl(url, { allowList: noAllowList, resolve }).then(
        () => "allowed",
        (error: Error) => error.message,
      );
    expect(await refusal("http://metadata.google.internal/computeMetadata/v1/")).toMatch(
      /metadata\.google\.internal resolves to 169\.254\.169\.254, which is a link-local address/,
    );
    expect(await refusal("http://mixed.example/")).toMatch(
      /mixed\.example resolves to 192\.168\.1\.10, which is a private address/,
    );
    expect(await refusal("http://v6.example/")).toMatch(/fd12::1, which is a unique-local address/);
    expect(await refusal("http://mapped.example/")).toMatch(/::ffff:10\.0\.0\.1, which is a private address/);
    expect(await checkUrl("https://public.example/x", { allowList: noAllowList, resolve })).toEqual({
      hostname: "public.example",
      address: "203.0.113.5",
      addresses: ["203.0.113.5", "2001:db8::1"],
      allowed: false,
    });
  });

  it("lets the allow-list through: a hostname, an address, a CIDR range (an IPv4-mapped address counts as its IPv4 address)", async () => {
    const allowList = parseAllowList(" orders.internal , 127.0.0.1, 10.1.0.0/16,fd00::/8 ");
    const resolve = table({
      "orders.internal": ["10.9.9.9"],
      "billing.internal": ["10.1.2.3"],
      "hr.internal": ["10.2.0.1"],
    });
    expect(await checkUrl("http://ORDERS.internal:8080/", { allowList, resolve })).toEqual({
      hostname: "orders.internal",
      address: "10.9.9.9",
      addresses: ["10.9.9.9"],
      allowed: true,
    });
    expect(await checkUrl("http://billing.internal/", { allowList, resolve })).toMatchObject({
      address: "10.1.2.3",
      allowed: true,
    });
    expect(await checkUrl("http://127.1:3000/", { allowList, resolve })).toMatchObject({
      address: "127.0.0.1",
      allowed: true,
    });
    expect(await checkUrl("http://[::ffff:10.1.0.5]/", { allowList, resolve })).toMatchObject({ allowed: true });
    expect(await checkUrl("http://[fd00::5]/", { allowList, resolve })).toMatchObject({ allowed: true });
    await expect(checkUrl("http://hr.internal/", { allowList, resolve })).rejects.toThrow(
      /10\.2\.0\.1, which is a private address/,
    );
    await expect(checkUrl("http://127.0.0.2/", { allowList, resolve })).rejects.toThrow(
      /127\.0\.0\.2 is a loopback address/,
    );
    await expect(checkUrl("http://localhost/", { allowList, resolve })).rejects.toThrow(/localhost is a loopback name/);
  });

  it("reads ACTIONS_ALLOWED_HOSTS and names each entry it cannot read", () => {
    expect(parseAllowList("a.internal,10.0.0.0/8,::1").entries).toEqual(["a.internal", "10.0.0.0/8", "::1"]);
    expect(() => parseAllowList("http://orders.internal")).toThrow(/is a URL: give only its host/);
    expect(() => parseAllowList("10.0.0.0/33, orders.internal:8080")).toThrow(
      /'10\.0\.0\.0\/33' is not a CIDR range.*'orders\.internal:8080' is not a hostname/,
    );
    expect(parseConfig({ ACTIONS_ALLOWED_HOSTS: "orders.internal, 10.0.0.0/8" }).ACTIONS_ALLOWED_HOSTS).toBe(
      "orders.internal, 10.0.0.0/8",
    );
    expect(() => parseConfig({ ACTIONS_ALLOWED_HOSTS: "orders.internal/x" })).toThrow(
      /ACTIONS_ALLOWED_HOSTS has 'orders\.internal\/x' is not a CIDR range/,
    );
  });
});

describe("templateRefusal (at save)", () => {
  it("refuses an internal host as written, leaves a {placeholder} host and an unresolvable name to the call", async () => {
    const resolve = table({ "intranet.example": ["10.0.0.5"], "api.example": ["203.0.113.9"] });
    const options = { allowList: noAllowList, resolve };
    expect(await templateRefusal("http://127.1:8080/orders/{order_id}", options)).toMatch(
      /^this action is not allowed to reach that address: 127\.0\.0\.1 is a loopback address/,
    );
    expect(await templateRefusal("https://intranet.example/orders/{order_id}", options)).toMatch(
      /intranet\.example resolves to 10\.0\.0\.5/,
    );
    expect(await templateRefusal("https://api.example/orders/{order_id}", options)).toBeNull();
    expect(await templateRefusal("https://{tenant}.example/orders", options)).toBeNull();
    expect(await templateRefusal("https://unknown.example/orders", options)).toBeNull();
    const never: Resolver = () => new Promise(() => {});
    expect(
      await templateRefusal("https://slow.example/", { allowList: noAllowList, resolve: never, timeoutMs: 50 }),
    ).toBeNull();
  });
});
