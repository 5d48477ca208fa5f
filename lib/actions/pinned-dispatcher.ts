// The connection of a custom action's call: to the address the network rule checked, and nowhere else.
import { isIP } from "node:net";
import { Agent, buildConnector, type Dispatcher } from "undici";
import type { CheckedTarget, NetworkGuardOptions } from "./network-guard";

/**
 * A dispatcher for fetch that connects only to the checked address, whatever the URL's host (which still goes in
 * the Host header and, over TLS, in the server name that the certificate must match). Close it after the call.
 */
export function pinnedDispatcher(
  target: CheckedTarget,
  options: Pick<NetworkGuardOptions, "onConnect"> = {},
): Dispatcher {
  const connector = buildConnector({});
  return new Agent({
    connections: 1,
    pipelining: 0,
    connect: (connectOptions, callback) => {
      // A name's TLS server name comes from the Host (the URL's name), not from the address connected to.
      const servername = isIP(target.hostname) ? undefined : target.hostname;
      // The checked addresses in turn (localhost may answer 127.0.0.1 and ::1 while the server listens on one).
      const attempt = (index: number) => {
        const address = target.addresses[index];
        try {
          options.onConnect?.({ address, port: Number(connectOptions.port), hostname: connectOptions.hostname });
        } catch (error) {
          callback(error as Error, null);
          return;
        }
        connector({ ...connectOptions, hostname: address, ...(servername ? { servername } : {}) }, (error, socket) => {
          if (error && index + 1 < target.addresses.length) return attempt(index + 1);
          if (error) callback(error, null);
          else callback(null, socket!);
        });
      };
      attempt(0);
    },
  });
}
