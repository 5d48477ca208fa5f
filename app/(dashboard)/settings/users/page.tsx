import type { Metadata } from "next";
import { UsersSettings } from "@/components/settings/users";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Users" };

// Settings → Users: the accounts that can sign in. The settings layout has already turned viewers away.
export default async function UsersSettingsPage() {
  const user = await getSessionUser();
  return (
    <div className="max-w-4xl">
      <div className="mb-6">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Users</h1>
        <p className="mt-1 text-sm text-gray-600">
          Who can sign in. Admins change settings, re-run events and manage users; viewers read the Inbox, reports and troubleshooting. Signing someone
          out or removing them takes effect on their next click.
        </p>
      </div>
      <UsersSettings currentUserId={user?.id ?? ""} />
    </div>
  );
}
