// Loading parts of the extension on first use. esbuild.mjs (lazyModules) turns `await import()` of the
// modules it lists into side bundles, dist/lazy/<name>.js, so activation parses only what the tree, the status
// bar, diagnostics and indexing need; the rest loads the first time someone uses it.
//
// THE RULE for code in a side bundle: every side bundle carries its own copy of the modules it shares with
// dist/extension.js and with the other side bundles (esbuild does not split CommonJS). Module-level state is
// therefore NOT shared: a cache, WeakMap or counter at module level exists once per bundle, a class defined in
// a shared module is a different class in each bundle (`instanceof` fails across them), and an event emitter
// created at module level has listeners in one bundle only. So a lazily loaded module receives the live
// objects it works with (the RoadmapService, the writer, the log, the tree) as arguments, keeps its state on
// objects it creates, and tells other parts what happened through those objects' events, never through
// module variables. A pure memo at module level (the core's WeakMaps keyed by a config) is fine: each bundle
// merely computes it once more. `yaml`, js-yaml and picomatch have one shared copy each (lazyPackages in
// esbuild.mjs).
// The web extension host is one bundle (dist/web/extension.js), where `import()` is inlined and all of this
// costs nothing.

/** A loader that runs once, on the first call; a failed load is retried on the next call. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
