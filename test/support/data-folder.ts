import { rmSync } from 'node:fs';

/**
 * Removes a server's data folder and the meeting CA's key file the server keeps beside it
 * (`<folder>.ca-key`, never inside: a copy of the folder alone cannot sign).
 */
export function removeDataFolder(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.ca-key`, { force: true });
}
