import { describeDocumentCache } from '../../test/support/document-cache-contract.js';
import { MemoryDocumentCache } from './memory-document-cache.js';

describeDocumentCache('MemoryDocumentCache', { open: async () => new MemoryDocumentCache() });
