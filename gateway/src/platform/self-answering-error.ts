/**
 * An error that answers in a wire form of its own (the authorization server's RFC 6749 errors):
 * the one error handler renders it without platform knowing that protocol.
 */
export abstract class SelfAnsweringError extends Error {
  abstract answer(requestId: string): Response;
  /** The log line of the refusal; never the wire. */
  abstract logged(): { message: string; fields: Record<string, unknown> };
}
