/**
 * The test page's script, bundled the way an app would bundle it: `import ... from 'milvus-wasm'`, resolved
 * through the package's `browser` export condition to the built browser bundle. Tests drive the page with
 * `page.evaluate`, reaching the package as `window.mw`.
 */
import * as mw from 'milvus-wasm';
import { encodeCorpus } from './corpus-encode.js';

declare global {
  interface Window {
    /** The package, as the browser build exports it. */
    mw: typeof mw;
    /** {@link encodeCorpus} bound to the browser build. */
    encodeCorpus: (cases: Parameters<typeof encodeCorpus>[1], engine: 'wasm' | 'js') => string[];
    /**
     * Resolves in a new task. Code that awaits it first runs as the page's own code: while DevTools runs
     * `page.evaluate` itself, Chromium lets it `eval` whatever the page's CSP says.
     */
    pageTask: () => Promise<void>;
    /** The page's Content-Security-Policy violation reports so far (recorded from before any module ran). */
    cspReports: { directive: string; blocked: string; line: number; column: number }[];
  }
}

window.mw = mw;
window.encodeCorpus = (cases, engine) => encodeCorpus(mw, cases, engine);
window.pageTask = () => new Promise((resolve) => setTimeout(resolve, 0));
document.title = 'ready';
