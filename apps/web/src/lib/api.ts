// The one way the pages talk to the server: JSON in and out, the CSRF double-submit header on
// every state-changing request, and errors turned into ApiError carrying the server's code and
// its Chinese message so a page can show it as it is.
import type { ErrorCode } from '@hall/shared/errors';

export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK_ERROR';
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ApiError['code'], message: string, status: number, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

const CSRF_COOKIE = 'hall_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Headers a state-changing request needs; also for XHR uploads that cannot go through apiFetch. */
export function csrfHeaders(): Record<string, string> {
  const token = readCookie(CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A plain object is sent as JSON; FormData as multipart. */
  body?: unknown;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Turns a failed response's body (if any) into an ApiError. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const { code, message, ...details } = body as { code: ApiError['code']; message: string };
    return new ApiError(code, message, status, details);
  }
  if (status === 401) return new ApiError('UNAUTHENTICATED', '请先登录', status);
  if (status === 404) return new ApiError('NOT_FOUND', '找不到要访问的内容', status);
  if (status === 413) return new ApiError('PAYLOAD_TOO_LARGE', '内容超过了允许的大小', status);
  return new ApiError('INTERNAL', '系统繁忙，请稍后再试', status);
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!SAFE_METHODS.has(method)) Object.assign(headers, csrfHeaders());
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('NETWORK_ERROR', '无法连接服务器，请检查网络后重试', 0);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const error = errorFromBody(res.status, parsed);
    if (error.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT, { detail: error }));
    throw error;
  }
  return parsed as T;
}

/** Fired on any 401 so the shell can send the user to the login page. */
export const UNAUTHENTICATED_EVENT = 'hall:unauthenticated';

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
