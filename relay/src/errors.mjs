// The error every inbound check throws: a `code` the client can act on (and, for a frame that
// had one, its `id`). Its own module so validators (protocol.mjs, review.mjs) share it without
// importing each other.
export class ProtocolError extends Error {
  constructor(code, message, id) {
    super(message);
    this.code = code;
    if (id !== undefined) this.id = id;
  }
}
