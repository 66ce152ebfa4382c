import { readFileSync } from 'node:fs';

/** A fenced code block of a Markdown or MDX page. */
export interface CodeBlock {
  lang: string;
  /** The `title="…"` of the fence, if any: a file name, or where to run a command. */
  title: string | undefined;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The `<TabItem value="…">` the block is in, if any. */
  tab: string | undefined;
}

/** Every fenced block of a page, in order (indented fences in lists included). */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let tab: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const tabOpen = /<TabItem\s+value="([^"]+)"/.exec(line);
    if (tabOpen) tab = tabOpen[1];
    if (line.includes('</TabItem>')) tab = undefined;
    const open = /^(\s*)```(\w+)?(.*)$/.exec(line);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
    blocks.push({
      lang: open[2] ?? '',
      title: /title="([^"]*)"/.exec(open[3] ?? '')?.[1],
      code: body.join('\n'),
      line: i + 1,
      tab,
    });
    i = j;
  }
  return blocks;
}
