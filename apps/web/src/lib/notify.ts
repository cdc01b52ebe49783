// Errors reach the user as antd messages. The message API comes from antd's <App> context (so
// it follows the theme and locale); the shell registers it once and code outside React uses it.
import type { MessageInstance } from 'antd/es/message/interface';
import { isApiError } from './api.ts';

let messageApi: MessageInstance | undefined;

export function registerMessageApi(api: MessageInstance): void {
  messageApi = api;
}

export function errorText(err: unknown): string {
  if (isApiError(err)) return err.message;
  return '系统繁忙，请稍后再试';
}

export function showError(err: unknown): void {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  if (!isApiError(err)) console.error(err);
  void messageApi?.error(errorText(err));
}

export function showSuccess(text: string): void {
  void messageApi?.success(text);
}

export function showWarning(text: string): void {
  void messageApi?.warning(text);
}
