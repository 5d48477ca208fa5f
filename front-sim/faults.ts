import { z } from "zod";
import { newId } from "./directory";

// Fault injection and the request log: how tests make Front misbehave and check how the app coped.

export type FaultKind = "rate-limit" | "fail" | "hang";

export const faultSpecSchema = z
  .object({
    kind: z.enum(["rate-limit", "fail", "hang"]),
    /** The next N matching requests. */
    count: z.number().int().positive().optional(),
    /** Or every matching request for this many seconds. */
    seconds: z.number().positive().optional(),
    /** Only requests with this method (any when omitted). */
    method: z.string().optional(),
    /** Only requests whose path matches: exact, or a glob where * is one path segment and ** anything. */
    path: z.string().optional(),
    /** fail: the status to answer, a 4xx (Front refusing the request) or a 5xx (default 500). */
    status: z.number().int().min(400).max(599).optional(),
    /** fail: the `_error.message` to answer with (default "Simulated client error" / "Simulated server error"). */
    message: z.string().min(1).optional(),
    /** rate-limit: the retry-after to announce (default 2, 1 for a burst, or the seconds left of a timed fault). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    /**
     * rate-limit: which limit was hit. "plan" (default): the company's requests a minute, x-ratelimit-remaining 0.
     * "burst": Front's ~5 requests a second on one resource (scope it with `path`), announced by x-front-tier while
     * x-ratelimit-remaining is still above 0.
     */
    limit: z.enum(["plan", "burst"]).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Matching requests still to hit; null for a timed fault. */
  remaining: number | null;
  untilMs: number | null;
  hits: number;
}

export type FaultDecision =
  | { kind: "rate-limit"; retryAfterSeconds: number; limit: "plan" | "burst" }
  | { kind: "fail"; status: number; message: string }
  | { kind: "hang" };

const DEFAULT_RETRY_AFTER_SECONDS = 2;
/** A burst window is one second. */
const DEFAULT_BURST_RETRY_AFTER_SECONDS = 1;

export class FaultController {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): ActiveFault {
    const parsed = faultSpecSchema.parse(spec);
    const timed = parsed.seconds !== undefined;
    const fault: ActiveFault = {
      ...parsed,
      id: newId("flt"),
      remaining: parsed.count ?? (timed ? null : 1),
      untilMs: timed ? Date.now() + parsed.seconds! * 1000 : null,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  active(nowMs: number = Date.now()): ActiveFault[] {
    this.faults = this.faults.filter((fault) => !isSpent(fault, nowMs));
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** The fault this request runs into, if any; consumes one use of it. */
  take(method: string, pathname: string, nowMs: number = Date.now()): FaultDecision | undefined {
    for (const fault of this.active(nowMs)) {
      if (!matches(fault, method, pathname)) continue;
      const live = this.faults.find((candidate) => candidate.id === fault.id)!;
      live.hits += 1;
      if (live.remaining !== null) live.remaining -= 1;
      return decide(live, nowMs);
    }
    return undefined;
  }
}

function isSpent(fault: ActiveFault, nowMs: number): boolean {
  if (fault.remaining !== null && fault.remaining <= 0) return true;
  return fault.untilMs !== null && nowMs >= fault.untilMs;
}

function matches(fault: ActiveFault, method: string, pathname: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path && !globToRegExp(fault.path).test(pathname)) return false;
  return true;
}

function decide(fault: ActiveFault, nowMs: number): FaultDecision {
  if (fault.kind === "fail") {
    const status = fault.status ?? 500;
    return {
      kind: "fail",
      status,
      message: fault.message ?? (status < 500 ? "Simulated client error" : "Simulated server error"),
    };
  }
  if (fault.kind === "hang") return { kind: "hang" };
  const secondsLeft = fault.untilMs !== null ? Math.max(1, Math.ceil((fault.untilMs - nowMs) / 1000)) : undefined;
  const limit = fault.limit ?? "plan";
  const fallback = limit === "burst" ? DEFAULT_BURST_RETRY_AFTER_SECONDS : DEFAULT_RETRY_AFTER_SECONDS;
  return { kind: "rate-limit", retryAfterSeconds: fault.retryAfterSeconds ?? secondsLeft ?? fallback, limit };
}

export function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${pattern}$`);
}

export interface RequestLogEntry {
  method: string;
  /** Path with query string. */
  path: string;
  pathname: string;
  /** Arrival time, ms since epoch. */
  timeMs: number;
  /** null while unanswered (a hung request). */
  status: number | null;
  fault?: FaultKind;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
}

/** Informational x-ratelimit-* headers over a fixed one-minute window. */
export class RateLimitWindow {
  private windowStartMs = Date.now();
  private used = 0;

  constructor(private readonly limitPerMinute: number) {}

  reset(): void {
    this.windowStartMs = Date.now();
    this.used = 0;
  }

  /** Counts one request and returns the headers for its answer; `limited`: the plan limit was hit (remaining 0). */
  count(limited: boolean, nowMs: number = Date.now()): Record<string, string> {
    if (nowMs - this.windowStartMs >= 60_000) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    this.used += 1;
    const remaining = limited ? 0 : Math.max(0, this.limitPerMinute - this.used);
    return {
      "x-ratelimit-limit": String(this.limitPerMinute),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.ceil((this.windowStartMs + 60_000) / 1000)),
    };
  }
}
