import type { Metadata } from "next";
import { SessionView } from "@/components/session/session-view";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Session" };

// One session: the conversation, each AI run step by step, the handoff and the webhook events.
export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser();
  return <SessionView id={id} canRerun={user?.role === "admin"} />;
}
