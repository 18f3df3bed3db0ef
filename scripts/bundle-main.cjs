'use strict';
// dist/bundle/main.js: the entry the shims and the static init files run.
// scripts/bundle.mjs copies this file there, beside engine.js and its chunks
// (CommonJS: dist/bundle/package.json says so).
//
// It loads the bundle's own files itself, with V8's code cache: Node 20 has no
// compile cache of its own (module.enableCompileCache is Node 22), and its
// module loaders stat, resolve and realpath every file. The cache
// (`<file>.v8` beside each file) is written once, by the build's warm-up run
// (scripts/bundle.mjs sets PIPWARDEN_BUILD_CODE_CACHE), never at run time:
// the package dir holds code already, and a user's run writes nothing here.
// V8 checks each cache against its own version, flags and the source, and
// compiles from source when it does not match (another Node): slower, never
// wrong. bench/LEVERS.md has the measurements.
const { readFileSync, writeFileSync, lstatSync } = require('node:fs');
const { join, dirname } = require('node:path');
const vm = require('node:vm');

const here = __dirname;
const loaded = new Map();
const compiled = [];

function load(file) {
  const known = loaded.get(file);
  if (known) return known.exports;
  const module = { exports: {}, filename: file, loaded: false };
  loaded.set(file, module);
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.v8`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    },
  );
  compiled.push({ file, script });
  script.runInThisContext()(module.exports, requireFrom, module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The bundle's files by relative name (./chunk-hash.js), everything else by Node's own require. */
function requireFrom(id) {
  return id.startsWith('./') ? load(join(here, id)) : require(id);
}
requireFrom.cache = require.cache;
requireFrom.resolve = require.resolve;

const out = process.env.PIPWARDEN_BUILD_CODE_CACHE;
if (out !== undefined && out === here && ownDir(here)) {
  // After the run, so the cache holds every function the run compiled.
  process.on('exit', () => {
    for (const { file, script } of compiled) writeFileSync(`${file}.v8`, script.createCachedData());
  });
}

/** The build writes only into a real dir of its own (never through a link, never as another user). */
function ownDir(dir) {
  try {
    const st = lstatSync(dir);
    return (
      st.isDirectory() && typeof process.geteuid === 'function' && st.uid === process.geteuid()
    );
  } catch {
    return false;
  }
}

load(join(here, 'engine.js'));
