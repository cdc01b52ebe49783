// Drawing with a finger (or a mouse): signature_pad on a canvas sized to its box at the screen's
// pixel ratio, so strokes stay sharp; the PNG has a transparent background, like a seal image.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import SignaturePad from 'signature_pad';

export interface SignatureCanvasHandle {
  clear(): void;
  isEmpty(): boolean;
  /** PNG, base64 without the data: prefix */
  png(): string;
}

export function SignatureCanvas({ ref, height = 220 }: { ref: Ref<SignatureCanvasHandle>; height?: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')!.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { penColor: '#000', minWidth: 1.2, maxWidth: 3.2 });
    padRef.current = pad;
    return () => pad.off();
  }, []);

  useImperativeHandle(ref, () => ({
    clear: () => padRef.current?.clear(),
    isEmpty: () => padRef.current?.isEmpty() ?? true,
    png: () => (padRef.current?.toDataURL('image/png') ?? '').replace(/^data:image\/png;base64,/, ''),
  }));

  return (
    <canvas
      ref={canvasRef}
      data-testid="signature-canvas"
      style={{ width: '100%', height, border: '1px dashed #bbb', borderRadius: 6, background: '#fff', touchAction: 'none', display: 'block' }}
    />
  );
}
