// Shared steps of the 项目申报 tests: a project, an application, drive files, staff logins.
import type { App } from '../src/types.ts';
import { createStaff, type StaffRole } from '../src/staff/staff-accounts.ts';
import { totp } from '../src/staff/totp.ts';
import type { SignedIn } from './support/session.ts';
import { multipart, samples } from './support/files.ts';

export const CONSTRUCTION_PERMIT = 'jzgcsgxk';

export async function api(app: App, who: SignedIn | null, method: string, url: string, payload?: unknown, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = who ? { ...who.headers, ...extra } : { cookie: 'hall_csrf=c', 'x-csrf-token': 'c', ...extra };
  return app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

export async function newProject(app: App, who: SignedIn, fields: Record<string, string> = {}) {
  const res = await api(app, who, 'POST', '/api/projects', { name: '景德镇陶瓷文化创意园', constructionUnit: '景德镇市测试建设有限公司', regionCode: '360203', ...fields });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

export async function newApplication(app: App, who: SignedIn, matterId = CONSTRUCTION_PERMIT) {
  const project = await newProject(app, who);
  const res = await api(app, who, 'POST', '/api/applications', { projectId: project.id, matterId, form: { contactName: '李四', contactPhone: '13800138000' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

/** Uploads PDFs into a new drive folder and returns the drive files. */
export async function driveFiles(app: App, who: SignedIn, names: string[]) {
  const folder = (await api(app, who, 'POST', '/api/drive/folders', { name: '盖章文件', code: `F${Math.random().toString(36).slice(2, 8)}` })).json();
  const body = multipart(names.map((filename) => ({ filename, content: samples.pdf() })));
  const res = await app.inject({ method: 'POST', url: `/api/drive/folders/${folder.id}/files`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; version: number; name: string }[];
}

/** Attaches one drive file to every required row (all of them when `all`). */
export async function fillRequired(app: App, who: SignedIn, application: { id: string; materials: { id: string; required: boolean }[] }, all = false) {
  const rows = application.materials.filter((m) => all || m.required);
  const files = await driveFiles(app, who, rows.map((_, i) => `材料${i + 1}.pdf`));
  let last;
  for (const [i, m] of rows.entries()) {
    last = await api(app, who, 'POST', `/api/applications/${application.id}/materials/${m.id}/drive-files`, { files: [{ fileId: files[i]!.id, version: 1 }] });
    if (last.statusCode !== 200) throw new Error(last.body);
  }
  return last!.json();
}

export interface StaffLogin {
  cookie: string;
  headers: Record<string, string>;
}

export async function staffLogin(app: App, roles: StaffRole[], username = `staff${Math.random().toString(36).slice(2, 8)}`): Promise<StaffLogin> {
  const password = 'window-pass-123';
  const { totpSecret } = await createStaff(app.db, { username, name: '窗口受理员', password, roles });
  const res = await api(app, null, 'POST', '/api/staff/login', { username, password, code: totp(totpSecret) });
  if (res.statusCode !== 200) throw new Error(res.body);
  const token = res.cookies.find((c) => c.name === 'hall_staff')!.value;
  return { cookie: token, headers: { cookie: `hall_staff=${token}; hall_csrf=s`, 'x-csrf-token': 's' } };
}

export function staffApi(app: App, who: StaffLogin, method: string, url: string, payload?: unknown) {
  return app.inject({ method: method as 'GET', url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}
