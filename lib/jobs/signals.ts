import { EventEmitter } from "node:events";

// One emitter per process, on globalThis because Next.js can load this module from several bundles.
const globalForSignals = globalThis as typeof globalThis & { __frontlineJobSignals?: EventEmitter };

/** Wakes this process's workers as soon as a job is enqueued, instead of waiting for the next poll. */
export const jobSignals: EventEmitter = (globalForSignals.__frontlineJobSignals ??= new EventEmitter().setMaxListeners(
  0,
));

export function signalJobEnqueued(queue: string): void {
  jobSignals.emit("enqueued", queue);
}
