import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';

export interface Finding {
  severity: 'error' | 'warning' | 'info' | 'hint';
  where: string;
  message: string;
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/**
 * Spectral's oas ruleset over a product document, as CI runs it on the gateway's own document.
 * Node only (Spectral needs it): the CLI runs it before publishing; the admin API, which also
 * runs on Workers, holds documents to the publishing rules alone.
 */
export async function spectralFindings(text: string, source: string): Promise<Finding[]> {
  // Both packages are CommonJS: their named exports arrive on the default export.
  const { Spectral, Document } = spectralCore as unknown as typeof import('@stoplight/spectral-core');
  const { Json } = spectralParsers as unknown as typeof import('@stoplight/spectral-parsers');
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [[oas, 'recommended']] } as never);
  const results = await spectral.run(new Document(text, Json, source));
  return results.map((r) => ({
    severity: SEVERITIES[r.severity] ?? 'error',
    where: r.path.join('.') || '(document)',
    message: `${r.code}: ${r.message}`,
  }));
}
