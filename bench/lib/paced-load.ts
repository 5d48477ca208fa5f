// An open-loop load at a fixed rate: one request every 1000/rate ms, each timed from when it was due to be sent.
// autocannon's `overallRate` is not this: each connection sends its share of a second back to back and then waits
// for the next second, so the server sees one burst a second; and it pads the latency histogram for coordinated
// omission with a 1 ms expected interval, which turns one slow answer into hundreds of samples.
import http from "node:http";
import { percentile } from "./report";

export interface PacedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function pacedLoad(
  baseUrl: string,
  options: {
    rate: number;
    durationSeconds: number;
    request: () => PacedRequest;
    onResponse?: (status: number, body: string) => void;
  },
): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(baseUrl);
  const total = Math.round(options.rate * options.durationSeconds);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  const counts = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 };

  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const { method, path, headers, body } = options.request();
      const request = http.request(
        { host: url.hostname, port: url.port, method, path, headers, agent, timeout: 10_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const status = response.statusCode ?? 0;
            latencies.push(performance.now() - dueAt);
            if (status >= 200 && status < 300) counts.ok++;
            else counts.non2xx++;
            options.onResponse?.(status, Buffer.concat(chunks).toString("utf8"));
            resolve();
          });
        },
      );
      request.on("timeout", () => {
        counts.timeouts++;
        request.destroy();
      });
      request.on("error", () => {
        counts.errors++;
        resolve();
      });
      request.end(body);
    });

  const startedAt = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const dueAt = startedAt + index * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(dueAt));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    requests: { average: (counts.ok + counts.non2xx) / elapsedSeconds },
    latency: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) },
    "2xx": counts.ok,
    non2xx: counts.non2xx,
    errors: counts.errors,
    timeouts: counts.timeouts,
  };
}
