import type { IdentityVault, Pkcs12Reader, SigningPlatform, StoredIdentity } from './identity-vault.js';
import { readPkcs12WithForge, type ForgeLike } from './pkcs12-reader.js';

/**
 * A browser tab's signing identities, in IndexedDB (database `cabinet-identity`, one record
 * per user): they outlive the tab, unlike its session. What is kept there is the PIN-sealed
 * key (pin-seal.ts); it is unwrapped, non-extractable, for one signature at a time.
 * The little of IndexedDB used is declared here: shared/ has no DOM types.
 */
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: ((event: never) => void) | null;
  onblocked: ((event: never) => void) | null;
}
interface IdbStore {
  get(key: string): IdbRequest<unknown>;
  put(value: unknown): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
  clear(): IdbRequest<unknown>;
}
interface IdbTransaction {
  objectStore(name: string): IdbStore;
  oncomplete: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onabort: ((event: never) => void) | null;
  error: unknown;
}
interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string, options: { keyPath: string }): unknown;
  transaction(store: string, mode: 'readonly' | 'readwrite'): IdbTransaction;
}
export interface IdbFactoryLike {
  open(name: string, version: number): IdbOpenRequest;
}

export const IDENTITY_DATABASE = 'cabinet-identity';
const STORE = 'identities';

function opened(factory: IdbFactoryLike): Promise<IdbDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(IDENTITY_DATABASE, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'userId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`IndexedDB ${IDENTITY_DATABASE}: ${String(request.error)}`));
    request.onblocked = () => reject(new Error(`IndexedDB ${IDENTITY_DATABASE} is blocked by another tab`));
  });
}

export class IndexedDbIdentityVault implements IdentityVault {
  private db: Promise<IdbDatabase> | null = null;

  constructor(private readonly factory: IdbFactoryLike) {}

  async load(userId: string): Promise<StoredIdentity | null> {
    const found = await this.run('readonly', (store) => store.get(userId));
    return (found as StoredIdentity | undefined) ?? null;
  }

  async save(identity: StoredIdentity): Promise<void> {
    await this.run('readwrite', (store) => store.put(identity));
  }

  async erase(userId: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(userId));
  }

  async eraseAll(): Promise<void> {
    await this.run('readwrite', (store) => store.clear());
  }

  /** One request in its own transaction; settles when the transaction is done (written, for a write). */
  private async run(mode: 'readonly' | 'readwrite', act: (store: IdbStore) => IdbRequest<unknown>): Promise<unknown> {
    this.db ??= opened(this.factory);
    const db = await this.db;
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = act(tx.objectStore(STORE));
      const fail = () => reject(new Error(`IndexedDB ${IDENTITY_DATABASE}: ${String(tx.error ?? request.error)}`));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = fail;
      tx.onabort = fail;
    });
  }
}

/**
 * The signing platform of a browser tab: identities in IndexedDB, WebCrypto, and PKCS#12 read
 * by node-forge, loaded only when a person imports a file (`loadForge`, e.g.
 * `() => import('node-forge').then((m) => m.default)`).
 */
export function browserSigningPlatform(options: {
  indexedDB: IdbFactoryLike;
  loadForge?: () => Promise<unknown>;
}): SigningPlatform {
  const platform: SigningPlatform = { vault: new IndexedDbIdentityVault(options.indexedDB) };
  const loadForge = options.loadForge;
  if (loadForge) {
    const read: Pkcs12Reader = async (p12, password) =>
      readPkcs12WithForge((await loadForge()) as ForgeLike, p12, password);
    platform.readPkcs12 = read;
  }
  return platform;
}
