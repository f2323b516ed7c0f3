"""The Content Security Policy of the published site, and the `_headers` file a host can serve.

The policy is the second wall behind escaping: even if content ever slipped markup into a page,
the browser would run no inline script, no inline style and nothing from another site.
Pagefind needs `'wasm-unsafe-eval'` (it compiles its WebAssembly) and `worker-src 'self'` (its
search worker), and fetches its index with `connect-src 'self'` (SECURITY-NOTES R16, §8).
`form-action 'self'` lets the search form send its GET to /search/. Pictures come only from the
site itself (photos are published beside the pages, never loaded from where a contributor
found them: SECURITY-NOTES §11) or `data:`, for small pictures inlined in a stylesheet
(content cannot add one: Markdown refuses `data:` pictures).

Production pages carry the policy as `<meta http-equiv>` (templates/base.html); the preview
server's pages do not, because livereload injects an inline script. Hosts that read a
`_headers` file (Netlify, Cloudflare Pages) also send it as a real header, which adds what a
`<meta>` cannot say: `frame-ancestors` (no framing of the site by others).
"""

from __future__ import annotations

POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
HEADER_ONLY = "frame-ancestors 'none'"  # ignored (with a console warning) inside <meta>

HEADERS = {
    "Content-Security-Policy": f"{POLICY}; {HEADER_ONLY}",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def headers_file() -> bytes:
    """`_headers` in the Netlify / Cloudflare Pages format: one path pattern, indented headers."""
    lines = ["# Security headers for every page (Netlify and Cloudflare Pages read this file).", "/*"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")
