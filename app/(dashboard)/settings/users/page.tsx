import type { Metadata } from "next";
import { UsersSettings } from "@/components/settings/users";
import { getSessionUser } from "@/lib/auth/guard";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "Users" };

// Settings → Users: the accounts that can sign in. The settings layout has already turned viewers away.
export default async function UsersSettingsPage() {
  const user = await getSessionUser();
  return (
    <div className="max-w-4xl">
      <SettingsPageHeader title="Users">
        Who can sign in. Admins change settings, re-run events and manage users; viewers read the Inbox, reports and
        troubleshooting. Signing someone out or removing them takes effect on their next click.
      </SettingsPageHeader>
      <UsersSettings currentUserId={user?.id ?? ""} />
    </div>
  );
}
