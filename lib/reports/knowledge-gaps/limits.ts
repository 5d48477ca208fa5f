/** Other customer questions read as the background that makes common words score low: the range's latest sessions. */
export const BACKGROUND_SESSION_LIMIT = 5_000;
