export * from './api.js';
export * from './store.js';
export * from './memory-store.js';
export * from './apply-change.js';
export * from './http.js';
export * from './meeting-client.js';
export * from './stable-state.js';
export * from './ballot-keys.js';
