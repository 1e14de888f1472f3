// Writes shared/protocol/README.md from the zod schemas (npm run protocol:docs).
import { writeFileSync } from 'node:fs';
import { renderProtocolReference } from '../shared/protocol/reference.js';

writeFileSync(new URL('../shared/protocol/README.md', import.meta.url), renderProtocolReference());
process.stdout.write('shared/protocol/README.md written\n');
