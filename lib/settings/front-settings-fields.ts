/** Settings → Front's secrets: encrypted at rest, masked in answers, shown as markers in the audit log. */
export const SECRET_FIELDS = ["apiToken", "appSecret", "ruleSecret"] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
