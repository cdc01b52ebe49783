// 帮助中心 pages: the JSON files in docs/help, read and checked once. A page that does not fit
// the HelpPage schema (or repeats a slug) stops the start rather than showing a broken page.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { HelpPage } from '@hall/shared/schemas/help';

export const HELP_DIR = fileURLToPath(new URL('../../../../docs/help/', import.meta.url));

export interface HelpLibrary {
  list(): Omit<HelpPage, 'sections'>[];
  get(slug: string): HelpPage | undefined;
}

export async function loadHelp(dir = HELP_DIR): Promise<HelpLibrary> {
  const pages: HelpPage[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const data: unknown = JSON.parse(await readFile(`${dir}/${name}`, 'utf8'));
    if (!Value.Check(HelpPage, data)) {
      const first = Value.Errors(HelpPage, data).First();
      throw new Error(`help page ${name}: ${first?.path ?? ''} ${first?.message ?? 'invalid'}`);
    }
    if (pages.some((p) => p.slug === data.slug)) throw new Error(`help page ${name}: slug ${data.slug} used twice`);
    pages.push(data);
  }
  pages.sort((a, b) => a.order - b.order);
  const bySlug = new Map(pages.map((p) => [p.slug, p]));
  return {
    list: () => pages.map(({ sections: _sections, ...summary }) => summary),
    get: (slug) => bySlug.get(slug),
  };
}
