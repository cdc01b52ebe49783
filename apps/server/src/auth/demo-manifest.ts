// The parts of DIR/demo.json (apps/key-agent demoSetup) the server uses: the demo CA as a
// trust anchor, its CRLs, and the demo TSA. Read only when the server runs with --demo.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoManifest {
  ca: { trustAnchorPems: string[]; chainPem: string; crls: string[] };
  tsa?: { certificatePem: string; keyPem: string; chainPem: string };
  pin?: string;
}

export function readDemoManifest(demoDir: string | undefined): DemoManifest | null {
  if (!demoDir) return null;
  const path = join(demoDir, 'demo.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as DemoManifest;
}
