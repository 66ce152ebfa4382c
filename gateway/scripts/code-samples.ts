import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The one source of the TypeScript samples: sdk/samples/<operationId>.ts, compiled against the SDK. */
export const SAMPLES_DIR = fileURLToPath(new URL('../../sdk/samples/', import.meta.url));

/** Where the samples are embedded, because a Worker cannot read files when it serves /openapi.json. */
export const EMBEDDED_PATH = fileURLToPath(
  new URL('../src/platform/code-samples/typescript.generated.json', import.meta.url),
);

/** operationId → the text of its sample file, sorted so the embedded file diffs cleanly. */
export function readSdkSamples(): Record<string, string> {
  const files = readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort();
  return Object.fromEntries(
    files.map((name) => [name.slice(0, -3), readFileSync(`${SAMPLES_DIR}${name}`, 'utf8').trim()]),
  );
}

export function serializeSdkSamples(): string {
  return `${JSON.stringify(readSdkSamples(), null, 2)}\n`;
}
