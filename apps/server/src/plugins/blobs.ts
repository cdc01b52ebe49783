import fp from 'fastify-plugin';
import type { BlobStore } from '../blobs/blob-store.ts';
import { LocalBlobStore } from '../blobs/local-blob-store.ts';
import { S3BlobStore } from '../blobs/s3-blob-store.ts';

export default fp(
  async (app) => {
    const { config } = app;
    let store: BlobStore;
    if (config.s3) {
      store = new S3BlobStore(config.s3);
    } else {
      const local = new LocalBlobStore(config.blobDir);
      await local.init();
      store = local;
    }
    app.decorate('blobs', store);
  },
  { name: 'blobs' },
);
