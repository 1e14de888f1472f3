import type { Approval } from '../../../shared/protocol/index.js';

/** A SHA-256 as people compare it aloud: "AB:CD:…", all 32 bytes. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/** The first bytes of a fingerprint, enough to tell two CAs apart at a glance. */
export function shortFingerprint(hex: string, bytes = 4): string {
  return `${formatFingerprint(hex.slice(0, bytes * 2))}…`;
}

/** The PIN that unlocks the device's key: 6 to 12 digits. */
export function isPin(pin: string): boolean {
  return /^\d{6,12}$/.test(pin);
}

/** What the QR's link (`#/enroll?code=…&ca=…`) carries, from the hash. */
export function enrollParams(hash: string): { code: string; ca: string } {
  const query = hash.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  const ca = (params.get('ca') ?? '').toLowerCase();
  return { code: (params.get('code') ?? '').toUpperCase(), ca: /^[0-9a-f]{64}$/.test(ca) ? ca : '' };
}

export type DeviceKind = 'tablet' | 'phone' | 'computer';

/** What a device is, from its user agent: the default of its name ("Máy tính bảng của …"). */
export function deviceKind(userAgent: string): DeviceKind {
  if (/iPad|Tablet|Android(?!.*Mobile)/i.test(userAgent)) return 'tablet';
  if (/Mobile|iPhone|Android/i.test(userAgent)) return 'phone';
  return 'computer';
}

/** Base64 (a CMS signature) to its DER bytes. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands a file to the browser's download (a Blob URL, let go right after). */
export function download(fileName: string, body: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ApprovalSummary {
  /** Each person's latest decision on the current version, by name. */
  current: Approval[];
  /** Decisions on earlier versions (or superseded on this one), newest first. */
  older: Approval[];
  approved: number;
  rejected: number;
}

/** A document's approvals as the panel shows them. */
export function summariseApprovals(
  approvals: readonly Approval[],
  documentId: string,
  version: number,
): ApprovalSummary {
  const mine = approvals.filter((a) => a.documentId === documentId);
  const latest = new Map<string, Approval>();
  for (const a of mine) {
    if (a.version !== version) continue;
    const before = latest.get(a.signer.id);
    if (!before || before.receivedAt <= a.receivedAt) latest.set(a.signer.id, a);
  }
  const current = [...latest.values()].sort((a, b) => a.signer.displayName.localeCompare(b.signer.displayName, 'vi'));
  const shown = new Set(current.map((a) => a.id));
  const older = mine.filter((a) => !shown.has(a.id)).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return {
    current,
    older,
    approved: current.filter((a) => a.decision === 'approve').length,
    rejected: current.filter((a) => a.decision === 'reject').length,
  };
}
