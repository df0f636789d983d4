/**
 * The renderer's Content-Security-Policy. Sent as a header by both hosts and repeated in
 * src/renderer/index.html (a test keeps them equal). Inline styles are allowed because xterm.js
 * and cmdk set style elements; scripts come only from the app's own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')
