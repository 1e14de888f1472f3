import { z } from 'zod';

// The page runs under a CSP without 'unsafe-eval'. zod would otherwise probe `new Function`
// to compile faster parsers, and the refused probe is reported as a CSP violation (in the
// Electron shell as in a browser). Imported first, before any schema parses.
z.config({ jitless: true });
