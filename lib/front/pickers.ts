// Front's channels and teammates as the Settings pickers list them (GET /api/settings/front/channels and /teammates).
import { isCallCapableChannel, isSmsChannel } from "./channels";
import { channelInboxId, type FrontChannel, type FrontTeammate } from "./types";

/** One of Front's channels as GET /api/settings/front/channels lists it. */
export interface ListedFrontChannel {
  id: string;
  name: string;
  address: string | null;
  type: string | null;
  smsCapable: boolean;
  /** An application channel (custom), Truly or Talkdesk: one that can carry calls. */
  callCapable: boolean;
  inboxId: string | null;
}

/** GET /api/settings/front/channels: Front's channels, SMS-capable first. */
export interface FrontChannelsResponse {
  channels: ListedFrontChannel[];
}

export function frontChannelsResponse(channels: FrontChannel[]): FrontChannelsResponse {
  const listed = channels.map((channel) => ({
    id: channel.id,
    name: channel.name ?? channel.address ?? channel.id,
    address: channel.address ?? null,
    type: channel.type ?? null,
    smsCapable: isSmsChannel(channel),
    callCapable: isCallCapableChannel(channel),
    inboxId: channelInboxId(channel),
  }));
  // SMS channels first: they are the ones a caller can be texted back from.
  listed.sort((a, b) => Number(b.smsCapable) - Number(a.smsCapable) || a.name.localeCompare(b.name));
  return { channels: listed };
}

/** One of Front's teammates as GET /api/settings/front/teammates lists it. */
export interface ListedTeammate {
  id: string;
  name: string;
  email: string | null;
  type: string;
  isBot: boolean;
}

/** GET /api/settings/front/teammates: bots first, then people, by name. */
export interface TeammatesResponse {
  teammates: ListedTeammate[];
}

export function teammatesResponse(teammates: FrontTeammate[]): TeammatesResponse {
  const name = (teammate: FrontTeammate) =>
    [teammate.first_name, teammate.last_name].filter(Boolean).join(" ") || teammate.username || teammate.id;
  const isBot = (teammate: FrontTeammate) => Boolean(teammate.type && teammate.type !== "user");
  const sorted = [...teammates].sort((a, b) => Number(isBot(b)) - Number(isBot(a)) || name(a).localeCompare(name(b)));
  return {
    teammates: sorted.map((teammate) => ({
      id: teammate.id,
      name: name(teammate),
      email: teammate.email ?? null,
      type: teammate.type ?? "user",
      isBot: isBot(teammate),
    })),
  };
}
