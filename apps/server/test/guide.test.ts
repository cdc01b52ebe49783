// 智能引导 against a real database: rules seeded as data beside the catalogue; answers decide the
// matters (stage, 30万元/300平方米, special situations) and each material's need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { api } from './applications-helpers.ts';
import { catalogueMaterials, guideRules } from '../src/db/schema.ts';
import { seedGuideRules } from '../src/guide/guide-rules-data.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const answer = (fields: Record<string, unknown> = {}) =>
  api(t.app, null, 'POST', '/api/guide/answers', { projectType: 'housing', investmentWan: 5000, areaM2: 12000, stageId: 'sgxk', flags: [], ...fields });
type Matter = { id: string; applies: boolean; reason: string; materials: { index: number; need: string; reason: string }[] };
const matter = (body: { matters: Matter[] }, id: string) => body.matters.find((m) => m.id === id)!;

describe('智能引导', () => {
  it('offers the questions, with the four stages (not 并行推进)', async () => {
    const q = (await api(t.app, null, 'GET', '/api/guide/questions')).json();
    expect(q.stages.map((s: { label: string }) => s.label)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']);
    expect(q.projectTypes.map((p: { label: string }) => p.label)).toContain('房屋建筑工程');
    expect(q.flags.length).toBeGreaterThan(5);
    expect((await t.app.db.select().from(guideRules)).length).toBeGreaterThan(10);
  });

  it('at 施工许可: earlier stages are done, the permit applies with its * materials; side matters follow the answers', async () => {
    const body = (await answer()).json();
    expect(matter(body, 'jsydghxk')).toMatchObject({ applies: false, reason: '项目已过“立项用地规划许可”阶段' });
    const permit = matter(body, 'jzgcsgxk');
    expect(permit.applies).toBe(true);
    expect(permit.materials).toHaveLength(15);
    expect(permit.materials.filter((m) => m.need === 'required').map((m) => m.index)).toEqual([2, 5, 7, 10, 11, 12]);
    expect(permit.materials.find((m) => m.index === 13)!.need).toBe('not-needed');
    expect(permit.materials.find((m) => m.index === 4)!.need).toBe('maybe');
    expect(matter(body, 'xfsjsc').applies).toBe(false);
    expect(matter(body, 'czljcz').applies).toBe(false);
    expect(matter(body, 'jgysba').applies).toBe(true);
  });

  it('special situations turn materials and matters on', async () => {
    const body = (await answer({ flags: ['special-construction', 'special-fire-design', 'dangerous-works', 'supervised', 'construction-waste'] })).json();
    const permit = matter(body, 'jzgcsgxk');
    expect([1, 13, 14].map((i) => permit.materials.find((m) => m.index === i)!.need)).toEqual(['needed', 'needed', 'needed']);
    expect(permit.materials.find((m) => m.index === 9)!.need).toBe('not-needed');
    expect(matter(body, 'xfsjsc')).toMatchObject({ applies: true });
    expect(matter(body, 'xfsjsc').materials.find((m) => m.index === 5)!.need).toBe('needed');
    expect(matter(body, 'czljcz').applies).toBe(true);
  });

  it('30万元以下 or 300平方米以下: no construction permit', async () => {
    for (const small of [{ investmentWan: 30 }, { areaM2: 300 }, { investmentWan: 12, areaM2: 90 }]) {
      const m = matter((await answer(small)).json(), 'jzgcsgxk');
      expect(m.applies, JSON.stringify(small)).toBe(false);
      expect(m.reason).toContain('可不办理');
      expect(m.materials).toEqual([]);
    }
    expect(matter((await answer({ investmentWan: 30.01, areaM2: 300.5 })).json(), 'jzgcsgxk').applies).toBe(true);
  });

  it('from the start: land-use matter with its 划拨 and 委托 materials; 商品住宅 at 竣工验收', async () => {
    const start = (await answer({ stageId: 'lxydgh', flags: ['allocated-land'] })).json();
    const land = matter(start, 'jsydghxk');
    expect(land.applies).toBe(true);
    expect(land.materials.map((m) => m.need)).toEqual(['required', 'required', 'required', 'needed', 'not-needed']);
    const end = (await answer({ stageId: 'jgys', projectType: 'commercial-housing' })).json();
    expect(matter(end, 'jzgcsgxk').applies).toBe(false);
    expect(matter(end, 'jgysba').materials.find((m) => m.index === 6)!.need).toBe('needed');
  });

  it('each material rule still points at the material it was written for', async () => {
    const names = new Map((await t.app.db.select().from(catalogueMaterials)).map((m) => [m.id, m.name]));
    for (const rule of seedGuideRules.filter((r) => r.materialId)) {
      expect(names.get(rule.materialId!), rule.id).toContain(rule.nameIncludes);
    }
  });

  it('refuses answers that do not fit', async () => {
    for (const bad of [{ stageId: 'bxtj' }, { stageId: 'nope' }, { projectType: 'ship' }, { investmentWan: -1 }, { flags: ['unknown-flag'] }]) {
      const res = await answer(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
