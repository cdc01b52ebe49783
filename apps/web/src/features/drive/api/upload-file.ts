// Uploads go one file per request through XHR: fetch cannot report upload progress, and the
// manual's users upload several large files at once and want to see each one advance.
import { ApiError, csrfHeaders, errorFromBody } from '../../../lib/api.ts';
import type { DriveFile } from './types.ts';

export interface UploadHandle {
  promise: Promise<DriveFile>;
  abort: () => void;
}

export function uploadFile(folderId: string, file: File, onProgress: (percent: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<DriveFile>((resolve, reject) => {
    xhr.open('POST', `/api/drive/folders/${encodeURIComponent(folderId)}/files`);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(Array.isArray(body) ? (body[0] as DriveFile) : (body as DriveFile));
      } else reject(errorFromBody(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', '上传失败，请检查网络后重试', 0));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
