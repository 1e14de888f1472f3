import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';

interface Props {
  /** What the code carries: the enrolment link. */
  text: string;
  label: string;
  testId: string;
}

/** A QR code drawn as our own SVG, shown through an image (no markup is injected into the page). */
export function QrImage({ text, label, testId }: Props) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSrc(null);
    void qrSvg(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!src) return <div className="qr qr--loading" role="img" aria-label={label} aria-busy="true" />;
  return (
    // The text rides along as data, for a test or a support person to read without a camera.
    <img className="qr" src={src} alt={label} width={240} height={240} data-testid={testId} data-text={text} />
  );
}
