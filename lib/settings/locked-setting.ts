/** A setting the environment fixes, sent in a save: the admin has to change it where it is set (409 `locked`). */
export class LockedSettingError extends Error {
  constructor(
    public readonly field: string,
    /** The variable that sets it, when the message should name it. */
    envVar?: string,
  ) {
    super(`${field} is set in the environment${envVar ? ` (${envVar})` : ""} and cannot be changed here`);
    this.name = "LockedSettingError";
  }
}
