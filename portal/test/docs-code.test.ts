import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderOutsideWorkspace, npmInstall, packSdk } from '../../sdk/test/packed';
import { type CodeBlock, codeBlocks } from './support/code-blocks';
import { PORTAL_DIR, REPO_DIR, SPEC_PATH } from './support/paths';

/**
 * Every code block of the guides is checked, so a copied block cannot rot: TypeScript blocks
 * type-check (strict, NodeNext) against the SDK installed from its packed tarball, JSON parses,
 * shell parses and every request it sends (curl, http) is an operation of openapi.json. The
 * quickstart's blocks are also run (quickstart.test.ts).
 */
const run = promisify(execFile);

/** The pages a partner reads: the guides, and the SDK's README (the SDK reference page). */
const PAGES = [
  ...readdirSync(join(PORTAL_DIR, 'docs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    // Generated: the API reference from openapi.json, the SDK reference from sdk/README.md.
    .filter((f) => !f.includes('/docs/api/') && !f.endsWith('/docs/sdk/reference.md')),
  join(REPO_DIR, 'sdk', 'README.md'),
].sort();
const where = (file: string, block: CodeBlock) => `${relative(REPO_DIR, file)}:${block.line}`;
const all = PAGES.flatMap((file) => codeBlocks(file).map((block) => ({ file, block })));
const of = (...langs: string[]) => all.filter(({ block }) => langs.includes(block.lang));

let project: string;
let packDir: string;

/** Merges the blocks' imports (`import { a } …` and `import { b } …` from one module) into one each. */
function mergeImports(blocks: string[]): { imports: string; bodies: string[] } {
  const named = new Map<string, Set<string>>();
  const bodies = blocks.map((code) =>
    code.replace(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';\n?/gm, (_, type, names, from) => {
      const set = named.get(from) ?? new Set<string>();
      for (const name of String(names)
        .split(',')
        .map((n) => n.trim()))
        if (name) set.add(type && !name.startsWith('type ') ? `type ${name}` : name);
      named.set(from, set);
      return '';
    }),
  );
  const imports = [...named]
    .map(([from, names]) => {
      // A name imported as a value covers its type import.
      const values = new Set([...names].filter((n) => !n.startsWith('type ')));
      const kept = [...names].filter((n) => !(n.startsWith('type ') && values.has(n.slice(5))));
      return `import { ${kept.sort().join(', ')} } from '${from}';`;
    })
    .join('\n');
  return { imports, bodies };
}

/** One module per page: the imports hoisted, each block in its own async function (its own scope). */
function moduleOf(file: string, blocks: CodeBlock[]): string {
  const { imports, bodies } = mergeImports(blocks.map((b) => b.code));
  const functions = blocks.map(
    (block, i) => `// ${where(file, block)}\nexport async function block${i}() {\n${bodies[i]}\n}`,
  );
  return `${imports}\n\n${functions.join('\n\n')}\n`;
}

beforeAll(async () => {
  packDir = folderOutsideWorkspace('tessera-docs-pack-');
  project = folderOutsideWorkspace('tessera-docs-code-');
  const tarball = await packSdk(packDir);
  const devVersion = (name: string) =>
    (
      JSON.parse(readFileSync(join(PORTAL_DIR, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies[name];
  writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  await npmInstall(project, [
    tarball,
    `typescript@${devVersion('typescript')}`,
    `@types/node@${devVersion('@types/node')}`,
  ]);
}, 180_000);
afterAll(() => {
  for (const dir of [project, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the code blocks of the guides', () => {
  it('finds the blocks: TypeScript, JSON and shell', () => {
    expect(of('ts', 'typescript').length).toBeGreaterThan(10);
    expect(of('json').length).toBeGreaterThan(10);
    expect(of('sh', 'bash').length).toBeGreaterThan(5);
  });

  it('every TypeScript block type-checks against the packed SDK (tsc --strict, NodeNext)', async () => {
    const files: string[] = [];
    for (const file of PAGES) {
      const blocks = codeBlocks(file).filter((b) => b.lang === 'ts' || b.lang === 'typescript');
      if (!blocks.length) continue;
      const name = `${relative(REPO_DIR, file).replace(/[^\w]+/g, '-')}.ts`;
      writeFileSync(join(project, name), moduleOf(file, blocks));
      files.push(name);
    }
    copyFileSync(
      join(PORTAL_DIR, 'test', 'fixtures', 'docs-code-globals.d.ts'),
      join(project, 'globals.d.ts'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          types: ['node'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['globals.d.ts', ...files],
      }),
    );
    const compiled = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
      cwd: project,
    }).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(compiled).toBe('');
  }, 120_000);

  it('every JSON block parses', () => {
    const broken = of('json').flatMap(({ file, block }) => {
      try {
        JSON.parse(block.code);
        return [];
      } catch (err) {
        return [`${where(file, block)}: ${(err as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('every shell block parses (bash -n)', async () => {
    const broken: string[] = [];
    for (const { file, block } of of('sh', 'bash')) {
      await run('bash', ['-n', '-c', block.code]).catch((err: { stderr?: string }) =>
        broken.push(`${where(file, block)}: ${err.stderr}`),
      );
    }
    expect(broken).toEqual([]);
  });

  it('every request a block sends (curl, http) is an operation of openapi.json', () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, object> };
    const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
    );
    const requests = all.flatMap(({ file, block }) => {
      if (block.lang === 'http')
        return [...block.code.matchAll(/^(GET|POST|PUT|PATCH|DELETE) (\S+)/gm)].map((m) => ({
          at: where(file, block),
          method: m[1]!,
          url: m[2]!,
        }));
      if (block.lang !== 'sh' && block.lang !== 'bash') return [];
      // One curl per command (a command continues over lines ending in a backslash).
      const commands = block.code.replace(/\\\n/g, ' ').split('\n');
      return commands.flatMap((command) => {
        const url = /curl\b.*?"\$GATEWAY(\/[^"?]*)/.exec(command)?.[1];
        if (!url) return [];
        const explicit = /\s-X\s*(\w+)/.exec(command)?.[1];
        const method = explicit ?? (/\s(-d|--data\S*)\s/.test(command) ? 'POST' : 'GET');
        return [{ at: where(file, block), method, url }];
      });
    });
    expect(requests.length).toBeGreaterThan(5);
    const unknown = requests
      .filter(({ method, url }) => {
        const path = url.replace(/\$\w+|\$\{\w+\}/g, 'x').split('?')[0]!;
        if (!path.startsWith('/v1/')) return false; // OAuth endpoints: not in the API document
        return !operations.some((op) => op.method === method && op.pattern.test(path));
      })
      .map(({ at, method, url }) => `${at}: ${method} ${url}`);
    expect(unknown).toEqual([]);
  });
});
