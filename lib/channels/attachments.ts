/** Attachments as Front sends them, reduced to what a lead or the model needs to know. */

/** Front's attachment shape; every field may be missing. */
export interface AttachmentInput {
  filename?: string | null;
  content_type?: string | null;
  size?: number | null;
}

export interface Attachment {
  name: string;
  contentType: string;
  /** Bytes, or null when Front did not say. */
  size: number | null;
  /** "512 B", "1.5 KB", "12 MB"; "unknown size" without a size. */
  sizeLabel: string;
}

/** A human size in binary units: one decimal below 10, whole numbers above. */
export function sizeLabel(bytes: number | null | undefined): string {
  if (typeof bytes !== "number" || !Number.isFinite(bytes) || bytes < 0) return "unknown size";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.7 KB rounds to "1024 KB"; say "1 MB" instead.
  if (rounded >= 1024 && unit < units.length - 1) return `1 ${units[unit + 1]}`;
  return `${rounded} ${units[unit]}`;
}

export function describeAttachments(attachments: readonly AttachmentInput[] | null | undefined): Attachment[] {
  return (attachments ?? []).map((attachment) => {
    const size =
      typeof attachment.size === "number" && Number.isFinite(attachment.size) && attachment.size >= 0
        ? attachment.size
        : null;
    return {
      name: attachment.filename?.trim() || "attachment",
      contentType: attachment.content_type?.trim().toLowerCase() || "application/octet-stream",
      size,
      sizeLabel: sizeLabel(size),
    };
  });
}
