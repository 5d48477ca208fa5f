import { createConnection, createServer } from "node:net";

/**
 * Whether a TCP port is taken on this machine: something listens on it (on any address, as `next start` does, or on
 * 127.0.0.1 only, as the simulator does), or it cannot be bound at all.
 */
export async function portInUse(port: number): Promise<boolean> {
  const bindable = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port);
  });
  if (!bindable) return true;
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The first port from `start` up that is free and not in `avoid`; `start` itself when none of the next 50 is. */
export async function nextFreePort(start: number, avoid: number[] = []): Promise<number> {
  for (let port = start; port < start + 50 && port <= 65_535; port++) {
    if (!avoid.includes(port) && !(await portInUse(port))) return port;
  }
  return start;
}
