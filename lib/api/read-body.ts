// Reading a request body that anyone may send (Front's webhook, browsers' CSP reports): stop at a size and a time
// limit instead of holding whatever arrives, with or without a content-length.

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

export class BodyTimeoutError extends Error {
  override name = "BodyTimeoutError";
}

/** The body's bytes; BodyTooLargeError past `maxBytes`, BodyTimeoutError when it takes longer than `timeoutMs`. */
export async function readBody(
  request: Request,
  { maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number },
): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeoutError()), timeoutMs);
  });
  deadline.catch(() => {});
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]).catch(async (error: unknown) => {
        if (error instanceof BodyTimeoutError) await reader.cancel().catch(() => {});
        throw error;
      });
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new BodyTooLargeError();
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}
