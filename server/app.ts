// Placeholder so that helpers can see the contract; replaced by the real server shortly.
export interface DemoAccount {
  username: string;
  password: string;
  role: 'admin' | 'secretary' | 'chair' | 'delegate';
  displayName: string;
}
export interface StartServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  seedDemo?: boolean;
}
export interface RunningServer {
  url: string;
  port: number;
  demoAccounts: DemoAccount[] | null;
  close(): Promise<void>;
}
export declare function startServer(options: StartServerOptions): Promise<RunningServer>;
