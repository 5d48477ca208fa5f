// Front simulator: a real HTTP server that stands in for Front (Core API + signed webhooks) in the demo and tests.

export { createFrontSimulator, type FrontSimulator, type SimSettings, type SimSnapshot } from "./simulator";
export { signApplicationWebhook, signRuleWebhook } from "./signing";
export { placeSamples, SAMPLE_CONVERSATIONS, type PlacedSample, type SampleConversation, type SampleOutcome } from "./samples";
export {
  AI_TEAMMATE_ID,
  COMPANY_EMAIL,
  COMPANY_PHONE,
  DEFAULT_COMPANY_ID,
  HUMAN_TEAMMATE_ID,
  defaultTeammates,
} from "./directory";
export { envelopeTypeFor, toPreviewEvent } from "./events";
export type { ActiveFault, FaultKind, FaultSpec, RequestLogEntry } from "./faults";
export type { ConversationCounts, ConversationView } from "./serialize";
export type { AssigneeChange, ReplyRecord } from "./state";
export type { DeliveryRecord } from "./webhooks";
export type { EventDelivery, SyncResult } from "./dispatch";
export type * from "./types";
