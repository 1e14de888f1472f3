import { describeAnnotationStore } from '../../test/support/annotation-store-contract.js';
import { MemoryClientStore } from './memory-store.js';

describeAnnotationStore('MemoryClientStore', () => new MemoryClientStore());
