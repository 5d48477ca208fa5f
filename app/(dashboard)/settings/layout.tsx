import { ShieldAlert } from "lucide-react";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { buttonVariants } from "@/components/ui/button";
import { StatePanel } from "@/components/ui/state-panel";
import { REQUEST_PATH_HEADER } from "@/lib/auth/cookie";
import { getSessionUser } from "@/lib/auth/guard";
import { loginPath } from "@/lib/auth/next-path";

// Settings are for admins. Layouts and pages render in parallel, so this checks the session itself rather than
// trusting the dashboard layout; the settings APIs refuse viewers too (403).
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect(loginPath((await headers()).get(REQUEST_PATH_HEADER)));
  if (user.role === "admin") {
    return (
      <>
        <SettingsTabs />
        {children}
      </>
    );
  }
  return (
    <div className="max-w-3xl">
      <h1 className="mb-6 text-xl font-semibold tracking-tight text-gray-900">Settings</h1>
      <StatePanel
        icon={ShieldAlert}
        role="alert"
        testId="admin-only"
        title="Only admins can open Settings"
        action={
          <Link href="/inbox" className={buttonVariants({ variant: "secondary" })}>
            Back to the Inbox
          </Link>
        }
      >
        You are signed in as a viewer: you can read the Inbox, reports and troubleshooting. Ask an admin if something in
        Settings needs to change.
      </StatePanel>
    </div>
  );
}
