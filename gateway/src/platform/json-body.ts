import type { Context } from 'hono';

/**
 * How deeply objects and arrays may nest in a request body. No operation's schema goes past a
 * handful of levels; past a few thousand, recursive code (JSON.stringify, zod, structured
 * logging) overflows the stack and a bad body would become a 500.
 */
export const MAX_JSON_DEPTH = 32;

export type JsonBodyFault = 'encoding' | 'depth' | 'syntax';

const DETAILS: Record<JsonBodyFault, string> = {
  encoding: 'The request body is not valid UTF-8. Encode the JSON text in UTF-8.',
  depth: `The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`,
  syntax: 'The request body is not valid JSON. Send a JSON object encoded in UTF-8.',
};

export class JsonBodyError extends Error {
  constructor(readonly fault: JsonBodyFault) {
    super(DETAILS[fault]);
    this.name = 'JsonBodyError';
  }
}

/** Whether the text nests deeper than `max`; scanned, not parsed, so any depth is safe to ask. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > max) return true;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return false;
}

/** JSON text, refused unless it is strict UTF-8 (a lenient decoder would store U+FFFD) and shallow. */
export function parseJsonText(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new JsonBodyError('depth');
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonBodyError('syntax');
  }
}

export function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new JsonBodyError('encoding');
  }
}

/**
 * Reads and checks a JSON request body once. The checked text replaces Hono's body cache, so a
 * route's validator (and any later c.req.json()) parses exactly this text, never a lenient
 * re-decoding of the bytes.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = decodeUtf8(await c.req.arrayBuffer());
  const value = parseJsonText(text);
  // Hono keeps promises in its cache, whatever its type says.
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  return value;
}
