import type { CosmiconfigResult, Loaders } from 'cosmiconfig';
// cosmiconfig's own Explorer class, constructed with complete options.
//
// Why not the public `cosmiconfig()`: in 9.0.x it first searches
// process.cwd() for a "meta config" (package.json, package.yaml,
// .config/config.{json,yaml,yml,js,ts,cjs,mjs}) with its default loaders.
// Whatever directory pip is run from, that would
//   - execute .config/config.js (or .ts, .mjs, .cjs) if one is there,
//   - throw on a malformed package.json, failing every pip call there,
//   - let a `cosmiconfig` key in that package.json replace our search places.
// There is no option to turn it off (cosmiconfig/cosmiconfig#296), and the
// public API cannot avoid it: `cosmiconfig()` and `cosmiconfigSync()` both run
// that search in their constructor (mergeOptionsBase →
// getUserDefinedOptionsFromMetaConfig, stopDir: process.cwd()), before any
// option is looked at, and `load(file)` needs such an explorer first. Only
// process.chdir() around the constructor would dodge it, which changes
// process-wide state under every other await. So we keep the pin. The
// package has no `exports` map, so the class is reachable; its .d.ts is
// empty, hence the typed facade below. The version is pinned in
// package.json; test/config/cli-config.test.ts fails if this stops holding.
import * as explorerModule from 'cosmiconfig/dist/Explorer.js';

interface Explorer {
  search(from: string): Promise<CosmiconfigResult>;
}

/** The options cosmiconfig's `mergeOptions()` would have produced, minus the meta config. */
interface ExplorerOptions {
  moduleName: string;
  searchPlaces: readonly string[];
  loaders: Loaders;
  ignoreEmptySearchPlaces: boolean;
  cache: boolean;
  transform: (result: CosmiconfigResult) => CosmiconfigResult;
  metaConfigFilePath: null;
  mergeImportArrays: boolean;
  mergeSearchPlaces: boolean;
  searchStrategy: 'none';
}

const { Explorer } = explorerModule as unknown as {
  Explorer: new (options: ExplorerOptions) => Explorer;
};

/**
 * A searcher that looks for `searchPlaces`, in order, in exactly the directory
 * it is given (the caller walks upward), reading files with `loaders` only.
 * Files that are empty or whose loader returns null do not count as found.
 */
export function dataExplorer(searchPlaces: readonly string[], loaders: Loaders): Explorer {
  return new Explorer({
    moduleName: 'pipwarden',
    searchPlaces,
    loaders,
    ignoreEmptySearchPlaces: true,
    // One search per process: a cache would only cost memory.
    cache: false,
    transform: (result) => result,
    metaConfigFilePath: null,
    mergeImportArrays: true,
    mergeSearchPlaces: false,
    searchStrategy: 'none',
  });
}
