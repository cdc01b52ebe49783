// `npm run staff-code`: the demo window-staff account made by `npm start` (--demo) and its
// current one-time code, read from <data>/demo/staff.json — as an authenticator app would show it.
import { existsSync, readFileSync } from 'node:fs';
import { parseConfig } from '../config.ts';
import type { DemoStaff } from './demo-staff.ts';
import { totp, totpStep } from './totp.ts';

const file = `${parseConfig().dataDir}/demo/staff.json`;
if (!existsSync(file)) {
  console.error('还没有演示窗口人员账号：请先运行 npm start（演示模式会创建它）');
  process.exit(2);
}
const staff = JSON.parse(readFileSync(file, 'utf8')) as DemoStaff;
const left = 30 - Math.floor(Date.now() / 1000 - totpStep() * 30);
console.log(`窗口人员登录（/staff）  用户名：${staff.username}  密码：${staff.password}  动态码：${totp(staff.totpSecret)}（${left} 秒内有效）`);
