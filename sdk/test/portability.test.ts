import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(sdkDir, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Node-only things that would break the SDK in browsers and Workers (without nodejs_compat). */
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]node:/, 'a node: import'],
  [/import\(\s*['"]node:/, 'a dynamic node: import'],
  [/require\(\s*['"]node:/, 'a node: require'],
  [
    /from\s+['"](fs|path|os|crypto|http|https|net|url|buffer|stream|util|child_process)['"]/,
    'a Node built-in',
  ],
  [/\bBuffer\./, 'Buffer'],
  [/\bprocess\.(env|versions|nextTick|argv)/, 'process'],
  [/\b__dirname\b|\b__filename\b/, '__dirname/__filename'],
];

describe('runs everywhere', () => {
  it('src/ has no node: imports and no Node-only globals', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8')
        // Examples in TSDoc may show a Node app; only code counts.
        .replace(/\/\*\*[\s\S]*?\*\//g, '');
      for (const [pattern, what] of FORBIDDEN)
        if (pattern.test(text)) offences.push(`${relative(sdkDir, file)}: ${what}`);
    }
    expect(offences).toEqual([]);
  });

  it('bundles for the browser with no Node built-ins (esbuild, platform browser)', async () => {
    const result = await build({
      entryPoints: [join(srcDir, 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('openapi-fetch'))).toBe(true);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/["']node:/);
    expect(code).toMatch(/export\s*\{[^}]*\bTessera\b/);
  });
});
