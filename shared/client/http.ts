/**
 * The little of `fetch` the core needs, declared here because shared/ compiles with
 * neither DOM nor Node types. Both the browser's and Node's fetch satisfy it.
 */
export interface HttpResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  /** For the answers that are not JSON (a PEM certificate). */
  text?(): Promise<string>;
  /** For binary answers (an exported PDF). */
  arrayBuffer?(): Promise<ArrayBuffer>;
  headers?: { get(name: string): string | null };
}
export type HttpFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<HttpResponse>;
