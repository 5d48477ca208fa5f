/**
 * Another article already has this title (titles are compared without case). Named, because a route bundle may
 * hold its own copy of this class: match it with isErrorNamed (lib/api/errors.ts), not only with instanceof.
 */
export class DuplicateTitleError extends Error {
  constructor(
    public readonly title: string,
    public readonly existingId: string,
  ) {
    super(`An article titled "${title}" already exists.`);
    this.name = "DuplicateTitleError";
  }
}
