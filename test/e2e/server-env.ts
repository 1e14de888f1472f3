/** Where the end-to-end server listens; E2E_PORT moves it when 8765 is taken. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8765);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** How the global setup hands the demo accounts to the test workers. */
export const DEMO_ACCOUNTS_ENV = 'E2E_DEMO_ACCOUNTS';

export interface DemoAccount {
  username: string;
  password: string;
  role: 'admin' | 'secretary' | 'chair' | 'delegate';
  displayName: string;
}
