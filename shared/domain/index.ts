export * from './agenda-numbering.js';
export * from './agenda-tree.js';
export * from './permissions.js';
export * from './vote-outcome.js';
export * from './ballot-rules.js';
export * from './command-rules.js';
export * from './search-fold.js';
export * from './document-access.js';
