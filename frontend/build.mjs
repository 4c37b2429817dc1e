// Bundles src/json-editor.js into one minified ES module, ../static/vendor/json-editor.js (run by `make vendor`).
//
// Three modules of codemirror-json-schema are swapped for small ones of ours (src/replaced/):
// - utils/markdown: the package renders schema descriptions as Markdown HTML (markdown-it, and shiki for code).
//   Schema strings are untrusted, so they stay plain text; this also keeps markdown-it and shiki out of the bundle.
// - utils/dom: its `el()` assigns `innerHTML`; ours only ever assigns text.
// - parsers/json5-parser, parsers/yaml-parser: the editor is JSON only; they would pull in json5 and yaml.
import * as esbuild from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const REPLACED = {
  "utils/markdown": here("./src/replaced/plain-text.js"),
  "utils/dom": here("./src/replaced/text-only-dom.js"),
  "parsers/json5-parser": here("./src/replaced/json-only-parser.js"),
  "parsers/yaml-parser": here("./src/replaced/json-only-parser.js"),
};

const replaceUnsafeModules = {
  name: "replace-unsafe-modules",
  setup(build) {
    build.onResolve({ filter: /(markdown|dom|json5-parser|yaml-parser)$/ }, (args) => {
      if (!args.importer.includes("/codemirror-json-schema/dist/")) return undefined;
      const target = new URL(args.path, "file://" + args.importer).pathname;
      const key = Object.keys(REPLACED).find((name) => target.endsWith("/dist/" + name));
      return key ? { path: REPLACED[key] } : undefined;
    });
  },
};

const result = await esbuild.build({
  entryPoints: [here("./src/json-editor.js")],
  outfile: here("../static/vendor/json-editor.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2020"],
  legalComments: "eof",
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [replaceUnsafeModules],
  metafile: true,
  logLevel: "info",
});

// A guard: the swapped-out Markdown stack must never come back into the bundle unnoticed.
const [output] = Object.values(result.metafile.outputs);
const inputs = Object.entries(output.inputs)
  .filter(([, input]) => input.bytesInOutput > 0)
  .map(([path]) => path);
const unwanted = inputs.filter((path) => /node_modules\/(markdown-it|shiki|@shikijs|yaml|json5)\//.test(path));
if (unwanted.length) {
  console.error("Unwanted modules in the bundle:", unwanted);
  process.exit(1);
}

// What is in the bundle, with each package's version and licence, next to it.
function described(name) {
  const manifest = JSON.parse(readFileSync(here(`./node_modules/${name}/package.json`), "utf8"));
  // valid-url names no licence in its package.json; its LICENSE file is the MIT text.
  const mit = () =>
    readFileSync(here(`./node_modules/${name}/LICENSE`), "utf8").includes("Permission is hereby granted");
  return `${manifest.name}@${manifest.version} ${manifest.license || (mit() ? "MIT" : "see its LICENSE")}`;
}
const packages = new Map();
for (const path of inputs) {
  const name = (path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//) || [])[1];
  if (name && !packages.has(name)) packages.set(name, described(name));
}
writeFileSync(
  here("../static/vendor/json-editor.LICENSES.txt"),
  "static/vendor/json-editor.js bundles these npm packages (built by `make vendor` from frontend/):\n" +
    [...packages.values()].sort().join("\n") +
    "\n",
);

// `ANALYZE=1 npm run build` lists what takes the room.
if (process.env.ANALYZE) console.log(await esbuild.analyzeMetafile(result.metafile));
