import { type Components, curlSample, type DocOperation } from './curl';
import typescript from './typescript.generated.json';

/** The gateway URL the sample files are written against; the document's server replaces it. */
const SAMPLE_BASE_URL = 'http://127.0.0.1:8787';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** operationId → its TypeScript sample (sdk/samples/<operationId>.ts, embedded by `npm run openapi`). */
export const TYPESCRIPT_SAMPLES: Readonly<Record<string, string>> = typescript;

type Doc = {
  servers?: { url: string }[];
  components?: unknown;
  paths?: Record<string, Record<string, unknown>>;
};

/**
 * Adds `x-codeSamples` to every operation: the SDK sample first, then curl. The portal's
 * reference shows these tabs, and partners' tools read the same document.
 */
export function withCodeSamples<D extends Doc>(doc: D): D {
  const serverUrl = doc.servers?.[0]?.url ?? SAMPLE_BASE_URL;
  const components = (doc.components ?? {}) as Components;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const op = value as DocOperation;
      const samples: NonNullable<DocOperation['x-codeSamples']> = [];
      const ts = op.operationId ? TYPESCRIPT_SAMPLES[op.operationId] : undefined;
      if (ts)
        samples.push({
          lang: 'TypeScript',
          label: '@tessera/sdk',
          source: ts.replaceAll(SAMPLE_BASE_URL, serverUrl),
        });
      samples.push({
        lang: 'cURL',
        label: 'curl',
        source: curlSample(method, path, op, serverUrl, components),
      });
      op['x-codeSamples'] = samples;
    }
  }
  return doc;
}
