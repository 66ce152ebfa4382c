import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const config = fileURLToPath(new URL('../samples/tsconfig.json', import.meta.url));

describe('reference code samples', () => {
  // One type-check of the SDK and every sample: about 25 s alone, past the default 30 s on the
  // shared machine under load, and a compile time is not what this test is about.
  it('every sample in sdk/samples compiles against the SDK with no diagnostics', { timeout: 180_000 }, () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      config,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error(`cannot read ${config}`);
    expect(parsed.fileNames.length).toBeGreaterThan(0);
    const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
