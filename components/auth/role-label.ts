import type { Role } from "@/lib/auth/types";

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", viewer: "Viewer" };
