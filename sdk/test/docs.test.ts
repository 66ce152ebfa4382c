import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));

const hasExample = (node: ts.Node) => ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
const isHidden = (node: ts.ClassElement) =>
  (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).some(
    (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
  ) ||
  (node.name !== undefined && (ts.isPrivateIdentifier(node.name) || ts.isComputedPropertyName(node.name)));

describe('docs', () => {
  it('every public method and function of the package entry has TSDoc with an @example', () => {
    const program = ts.createProgram([`${sdkDir}src/index.ts`], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noLib: true,
      noResolve: false,
      types: [],
    });
    const checker = program.getTypeChecker();
    const entry = checker.getSymbolAtLocation(program.getSourceFile(`${sdkDir}src/index.ts`)!)!;
    const missing: string[] = [];
    const where = (node: ts.Node, name: string) => {
      const file = node.getSourceFile();
      return `${relative(sdkDir, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${name}`;
    };
    const seen = new Set<ts.Node>();
    const checkClass = (cls: ts.ClassDeclaration) => {
      if (seen.has(cls)) return;
      seen.add(cls);
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member) || isHidden(member)) continue;
        const name = member.name.getText();
        // The Promise protocol of ListPromise is documented on the class.
        if (name === 'then' || name === 'catch' || name === 'finally') continue;
        if (!hasExample(member)) missing.push(where(member, `${cls.name?.text}.${name}()`));
      }
      // Inherited public methods (ResourceSet.request on Tessera and CustomerSession).
      for (const clause of cls.heritageClauses ?? []) {
        for (const type of clause.types) {
          const base = checker.getSymbolAtLocation(type.expression);
          const decl =
            base &&
            (base.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(base) : base).valueDeclaration;
          if (decl && ts.isClassDeclaration(decl) && !decl.getSourceFile().fileName.includes('node_modules'))
            checkClass(decl);
        }
      }
    };
    for (const exported of checker.getExportsOfModule(entry)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const decl of symbol.declarations ?? []) {
        if (decl.getSourceFile().fileName.includes('/generated/')) continue;
        if (ts.isFunctionDeclaration(decl) && !hasExample(decl))
          missing.push(where(decl, `${symbol.name}()`));
        if (ts.isClassDeclaration(decl)) checkClass(decl);
      }
    }
    expect(seen.size).toBeGreaterThan(8);
    expect(missing).toEqual([]);
  });
});
