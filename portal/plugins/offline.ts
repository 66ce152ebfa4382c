import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from '@docusaurus/types';

/** `url(...)` pointing off the site, in built CSS. */
export const REMOTE_CSS_URL = /url\(\s*(["']?)(?:https?:)?\/\/[^)]*?\1\s*\)/g;

async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(ext)).map((e) => join(e.parentPath, e.name));
}

/**
 * The API reference theme's stylesheet decorates its code-sample tabs with icons fetched from
 * raw.githubusercontent.com. The portal must work offline and load nothing from elsewhere, so
 * after the build every remote `url(...)` in the CSS becomes `none` (the tabs keep their labels).
 */
export function offlinePlugin(): Plugin {
  return {
    name: 'tessera-offline',
    async postBuild({ outDir }) {
      for (const file of await filesUnder(outDir, '.css')) {
        const css = await readFile(file, 'utf8');
        const stripped = css.replace(REMOTE_CSS_URL, 'none');
        if (stripped !== css) await writeFile(file, stripped);
      }
    },
  };
}
