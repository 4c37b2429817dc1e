// The TypeScript compiler as a test oracle: reads one JSON request a line ({"source": "..."}) on stdin and answers
// one JSON line: the diagnostics of a strict type check of that source as a module, and the property names each
// top-level interface (or object type alias) declares, as the compiler reads them back.
// Usage: TYPESCRIPT_MODULE=/path/to/node_modules/typescript node ts_check.js
"use strict";
const readline = require("node:readline");
const ts = require(process.env.TYPESCRIPT_MODULE);

const FILE = "/virtual/models.ts";
const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, types: [], lib: ["lib.es2022.d.ts"] };
const libraries = new Map(); // lib.*.d.ts parsed once, for every request
let oldProgram;

function hostFor(source) {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    if (name === FILE) return ts.createSourceFile(name, source, version, true);
    if (!libraries.has(name)) libraries.set(name, read(name, version, onError));
    return libraries.get(name);
  };
  host.fileExists = (name) => name === FILE || ts.sys.fileExists(name);
  host.readFile = (name) => (name === FILE ? source : ts.sys.readFile(name));
  return host;
}

function names(members) {
  return members.filter(ts.isPropertySignature).map((member) => member.name.text);
}

function check(source) {
  const program = ts.createProgram({ rootNames: [FILE], options, host: hostFor(source), oldProgram });
  oldProgram = program;
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  const members = {};
  for (const statement of program.getSourceFile(FILE).statements) {
    if (ts.isInterfaceDeclaration(statement)) members[statement.name.text] = names(statement.members);
    else if (ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type)) {
      members[statement.name.text] = names(statement.type.members);
    }
  }
  return { diagnostics, members };
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let answer;
  try {
    answer = check(JSON.parse(line).source);
  } catch (error) {
    answer = { diagnostics: [`checker failed: ${error}`], members: {} };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
