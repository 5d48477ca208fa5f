// What the admin API sends and receives for custom actions. Plain types only: the settings page imports them.
import type { Channel } from "../front/channels";

export type ActionMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A header as the admin sees it: a secret one never carries its value, only a masked hint. */
export interface ActionHeaderView {
  name: string;
  secret: boolean;
  /** The value of a plain header; null for a secret one. */
  value: string | null;
  /** A secret's last characters ("••••abcd"); null for a plain header or an unreadable secret. */
  masked: string | null;
  /** A secret sealed with another encryption key: it must be entered again before the action can run. */
  unreadable?: boolean;
}

export interface ActionView {
  id: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  method: ActionMethod;
  urlTemplate: string;
  headers: ActionHeaderView[];
  timeoutMs: number;
  channels: Channel[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A header as the page sends it: leave a secret's value out (or empty) to keep the saved one. */
export interface ActionHeaderInput {
  name: string;
  value?: string;
  secret: boolean;
}

export interface ActionInput {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  method: ActionMethod;
  urlTemplate: string;
  headers: ActionHeaderInput[];
  timeoutMs: number;
  channels: Channel[];
  enabled: boolean;
}

/** GET /api/settings/actions. */
export interface ActionsResponse {
  actions: ActionView[];
  /** ACTIONS_ALLOWED_HOSTS: the internal hosts, addresses and ranges actions may reach anyway (read-only, from the server's environment). */
  allowedHosts: string[];
}

/** POST /api/settings/actions and PUT /api/settings/actions/[id]. */
export interface ActionResponse {
  action: ActionView;
}

/** POST /api/settings/actions/[id]/test: one real call, whatever its outcome. */
export interface ActionTestResponse {
  ok: boolean;
  /** The HTTP status, when the server answered. */
  status: number | null;
  body: unknown;
  /** What the model would be told when the call fails ("… timed out after 300 ms"); null on success. */
  error: string | null;
  /** `blocked`: the network rule refused the address (see ACTIONS_ALLOWED_HOSTS); `too_large`: the answer was over 1 MB. */
  errorKind: "timeout" | "unreachable" | "status" | "blocked" | "too_large" | null;
  durationMs: number;
  /** The URL called, with the arguments filled in (headers are never echoed). */
  url: string;
}
