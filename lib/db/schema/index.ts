export * from "./webhook-events";
export * from "./sessions";
export * from "./session-messages";
export * from "./agent-runs";
export * from "./agent-steps";
export * from "./handoffs";
export * from "./knowledge-articles";
export * from "./jobs";
