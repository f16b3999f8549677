import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { fromProject } from '../config/paths';

const FONT_DIR = path.dirname(require.resolve('@fontsource/noto-sans-sc/LICENSE'));

/** Paths the workspace never answers for: the API, its docs and the process's own endpoints. */
const NOT_THE_WORKSPACE = /^\/(v1|docs|auth|healthz|metrics|openapi\.json)(\/|$)/;

/**
 * The web workspace (issue 8): the built front end in dist/web at `/`, and its index page for any other GET a
 * browser may open (a deep link like /tasks/t-1), so the page's own router takes over. The page shows nothing
 * but its sign-in form until /auth/session says who is signed in; every datum comes from /v1.
 */
export function webWorkspace(dir = fromProject('dist/web')): Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');
  router.use((req, res, next) => {
    if (!NOT_THE_WORKSPACE.test(req.path)) res.locals.route = '/web'; // one metrics label for every page and asset
    next();
  });
  // The font printable documents are set in (render/document.ts): Noto Sans SC, split by Unicode range so a page
  // loads only the parts its text needs; the files never change within a version of the package.
  router.use('/assets/fonts/noto-sans-sc', express.static(FONT_DIR, { index: false, maxAge: '30d', immutable: true }));
  router.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
  router.get(/.*/, (req, res, next) => {
    // Only a browser's navigation (it asks for text/html by name); other clients get the API's 404.
    if (NOT_THE_WORKSPACE.test(req.path) || !(req.get('accept') ?? '').includes('text/html')) return next();
    if (!existsSync(index)) return next();
    res
      .set({
        'cache-control': 'no-cache',
        // The page loads only its own scripts, styles and API, and is never framed (clickjacking).
        'content-security-policy':
          "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'referrer-policy': 'same-origin',
      })
      .sendFile(index);
  });
  return router;
}
