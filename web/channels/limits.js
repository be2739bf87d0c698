// The relay's limits that the widget must respect before it sends anything, taken from the
// relay's own table (relay/src/protocol.mjs, the one place they are defined), so a message the
// widget shows as sent is never refused for its length.
import { DEFAULT_LIMITS } from '../../relay/src/protocol.mjs';

/** Characters of one visitor message (the relay answers `too_long` above this). */
export const MAX_MESSAGE_LENGTH = DEFAULT_LIMITS.maxMessageLength;
export const MAX_SUGGESTIONS = DEFAULT_LIMITS.maxSuggestions;
export const MAX_SUGGESTION_LENGTH = DEFAULT_LIMITS.maxSuggestionLength;
export const MAX_TRANSCRIPT = DEFAULT_LIMITS.maxTranscriptTurns;
export const MAX_CONTACT_LENGTH = DEFAULT_LIMITS.maxContactLength;
/** Serialized `affect` of one message (PROTOCOL.md, "Live affect per message"). */
export const MAX_AFFECT_BYTES = 4 * 1024;
