import { describeClientStore } from '../../test/support/client-store-contract.js';
import { MemoryClientStore } from './memory-store.js';

// Memory keeps nothing across a restart: no `reopen`.
describeClientStore('MemoryClientStore', { open: () => new MemoryClientStore() });
