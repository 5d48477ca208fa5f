// Zod finds out whether it may compile its parsers with `new Function` by trying it once, the first time a page
// parses an object. The CSP allows no eval (lib/security/csp.ts), so that try is refused and reported as a
// violation on every page that parses one. In the browser, Zod is told not to try: its parsers run interpreted,
// as they did anyway once the try was refused. (The server, where eval is allowed, keeps the compiled parsers.)
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
