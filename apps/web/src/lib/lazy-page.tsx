import { type ComponentType, lazy } from 'react';

/** A page in its own chunk, loaded when first visited, or ahead with `preload`. */
export type LazyPage = ComponentType & { preload(): Promise<unknown> };

/**
 * A page loaded when first visited, which can also be loaded ahead of rendering: main.tsx loads the page of the URL
 * being opened before the first render, so it renders at once. A page that suspends on the first render shows the
 * fallback, and React then holds the page back for its fallback throttle (about 300 ms): the findings page asked for
 * its data 300 ms after its code had arrived.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () => {
    loading ??= load().then(
      (page) => {
        loaded = page;
        return page;
      },
      (error: unknown) => {
        // A chunk that failed to load (a deploy replaced it, the network blinked) is asked for again next time.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Suspending = lazy(() => preload().then((page) => ({ default: page })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page when App.tsx loads, never while rendering.
  function Page() {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Suspending />;
  }
  return Object.assign(Page, { preload });
}
