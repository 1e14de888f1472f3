import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
  /** A fingerprint or a hash: monospace, never translated. */
  mono?: boolean;
}

/** Label and value pairs (what is signed, whose certificate, which CA). */
export function SigningFacts({ facts, testId }: { facts: readonly Fact[]; testId?: string }) {
  return (
    <dl className="signing-facts" data-testid={testId}>
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd
            className={f.mono ? 'fingerprint' : undefined}
            translate={f.mono ? 'no' : undefined}
            data-testid={f.testId}
          >
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
