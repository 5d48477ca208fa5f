import { Globe, Mail, MessageCircle, MessageSquare, Phone, type LucideIcon } from "lucide-react";
import { CHANNEL_LABELS, type Channel } from "@/lib/front/channels";
import { cn } from "@/components/ui/cn";

const CHANNEL_ICONS: Record<Channel, LucideIcon> = {
  voice: Phone,
  email: Mail,
  sms: MessageSquare,
  whatsapp: MessageCircle,
  web: Globe,
};

function isChannel(value: string): value is Channel {
  return value in CHANNEL_LABELS;
}

export function channelName(channel: string): string {
  return isChannel(channel) ? CHANNEL_LABELS[channel] : channel;
}

/** The channel's icon (decorative) and its name: voice is a phone and "Phone". */
export function ChannelLabel({ channel, className }: { channel: string; className?: string }) {
  const Icon = isChannel(channel) ? CHANNEL_ICONS[channel] : Globe;
  return (
    <span
      className={cn("inline-flex items-center gap-1.5 text-sm text-gray-600", className)}
      data-testid="channel"
      data-channel={channel}
    >
      <Icon aria-hidden="true" className="size-4 shrink-0 text-gray-500" />
      <span>{channelName(channel)}</span>
    </span>
  );
}
