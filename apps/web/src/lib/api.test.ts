import { describe, expect, it } from 'vitest';
import { apiUrl, errorFromBody, isApiError } from './api.ts';

describe('errorFromBody', () => {
  it('keeps the server’s code, Chinese message and details', () => {
    const err = errorFromBody(409, { code: 'FOLDER_CODE_TAKEN', message: '同一目录下已有相同编码的文件夹', folderId: 'x' });
    expect(isApiError(err)).toBe(true);
    expect(err.code).toBe('FOLDER_CODE_TAKEN');
    expect(err.message).toBe('同一目录下已有相同编码的文件夹');
    expect(err.status).toBe(409);
    expect(err.details).toEqual({ folderId: 'x' });
  });
  it('gives a Chinese message when the body is not ours (a proxy page, an empty 401)', () => {
    expect(errorFromBody(401, undefined)).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(errorFromBody(502, '<html>bad gateway</html>')).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    expect(errorFromBody(413, undefined).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('apiUrl', () => {
  it('adds only the query values that are set', () => {
    expect(apiUrl('/api/home', { page: 2, pageSize: 10 })).toBe('/api/home?page=2&pageSize=10');
    expect(apiUrl('/api/drive/files/1/content', { version: undefined })).toBe('/api/drive/files/1/content');
    expect(apiUrl('/api/x', { q: '施工 许可&' })).toBe('/api/x?q=%E6%96%BD%E5%B7%A5+%E8%AE%B8%E5%8F%AF%26');
  });
});
