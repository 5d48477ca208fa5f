// Front simulator: a real HTTP server that stands in for Front (Core API + signed webhooks) in the demo and tests.

export { createFrontSimulator } from "./simulator";
export { signApplicationWebhook, signRuleWebhook } from "./signing";
export {
  placeSamples,
  SAMPLE_CONVERSATIONS,
  type PlacedSample,
  type SampleConversation,
  type SampleOutcome,
} from "./samples";
export {
  AI_TEAMMATE_ID,
  CALL_CHANNEL_ADDRESS,
  CALL_CHANNEL_ID,
  CHAT_CHANNEL_ADDRESS,
  CHAT_CHANNEL_ID,
  COMPANY_EMAIL,
  COMPANY_PHONE,
  CUSTOM_CHANNEL_ADDRESS,
  CUSTOM_CHANNEL_ID,
  CUSTOM_INBOX_ID,
  DEFAULT_COMPANY_ID,
  EMAIL_CHANNEL_ADDRESS,
  EMAIL_CHANNEL_ID,
  HUMAN_TEAMMATE_ID,
  PHONE_INBOX_ID,
  SIM_PHONE_CHANNEL,
  SMS_CHANNEL_ADDRESS,
  SMS_CHANNEL_ID,
  WHATSAPP_CHANNEL_ADDRESS,
  WHATSAPP_CHANNEL_ID,
  defaultTeammates,
} from "./directory";
export { ALL_FRONT_SCOPES, FRONT_SCOPES_BY_ENDPOINT } from "./scopes";
export { envelopeTypeFor, toPreviewEvent } from "./events";
export type { ActiveFault, FaultKind, FaultSpec, RequestLogEntry } from "./faults";
export type { ConversationCounts, ConversationView } from "./serialize";
export type { AssigneeChange, PlannedReplyFailure, ReplyRecord } from "./state";
export type { DeliveryRecord } from "./webhooks";
export type { EventDelivery, SyncResult } from "./dispatch";
export type * from "./types";
