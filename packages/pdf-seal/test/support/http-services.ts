// A local RFC 3161 timestamp authority and CRL distribution point on a random port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServices {
  baseUrl: string;
  tsaUrl: string;
  /** what each path serves; filled in once the PKI (which needs baseUrl) exists */
  crls: Map<string, Uint8Array>;
  setTimestampResponder(responder: (requestDer: Uint8Array) => Promise<Uint8Array>): void;
  requests: { tsa: number; crl: number };
  close(): Promise<void>;
}

export async function startLocalServices(): Promise<LocalServices> {
  let responder: ((req: Uint8Array) => Promise<Uint8Array>) | undefined;
  const crls = new Map<string, Uint8Array>();
  const requests = { tsa: 0, crl: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method === 'POST' && req.url === '/tsa' && responder) {
            requests.tsa++;
            const body = await responder(new Uint8Array(Buffer.concat(chunks)));
            res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(body));
          } else if (req.method === 'GET' && req.url && crls.has(req.url.slice(1))) {
            requests.crl++;
            res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from(crls.get(req.url.slice(1))!));
          } else {
            res.writeHead(404).end();
          }
        } catch (e) {
          res.writeHead(500).end(String(e));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    tsaUrl: `${baseUrl}/tsa`,
    crls,
    requests,
    setTimestampResponder: (r) => {
      responder = r;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
