/**
 * The Content-Security-Policy the built app ships with: a `<meta>` in index.html (added at build
 * time: the dev server's React refresh preamble is an inline script) and, in the e2e suite, the same
 * text as a header from e2e/staticServer.ts. A host should send it as a header too.
 *
 * Scripts, Workers, styles, fonts and images come only from the app's own origin; no inline script,
 * no eval (the expression language compiles to closures, never to code). The one allowance is
 * inline style attributes: KaTeX sets heights and offsets in `style="…"` on the markup it renders.
 * The app may be framed anywhere (bloggers embed it), so there is no frame-ancestors; it frames
 * only itself (the share dialog's embed preview).
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Puts the policy at the top of the built index.html's head, before anything it governs. */
export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'descent-lab-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
