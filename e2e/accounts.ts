// The accounts the browser tests sign in with: the demo's defaults, passed to each app explicitly
// (playwright.config.ts) so a developer's own ADMIN_EMAIL cannot change them.
export const ADMIN = { email: "admin@frontline.local", password: "frontline-demo" } as const;
export const VIEWER = { email: "viewer@frontline.local", password: "frontline-viewer" } as const;

/** Where each project's signed-in admin state is saved by e2e/auth.setup.ts. */
export function adminStorageStatePath(project: string): string {
  return `.data/e2e-auth/${project}-admin.json`;
}
