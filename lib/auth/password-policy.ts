/** Shortest password Frontline accepts for an account (ADMIN_PASSWORD, `npm run user:create`, better-auth). */
export const MIN_PASSWORD_LENGTH = 10;
/** better-auth's default ceiling: scrypt on a longer input is a denial-of-service lever. */
export const MAX_PASSWORD_LENGTH = 128;
