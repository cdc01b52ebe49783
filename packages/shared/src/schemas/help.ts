// 帮助中心: operation manuals as structured pages (docs/help). Browser-safe: TypeBox only.
import { Type, type Static } from '@sinclair/typebox';

export const HelpStep = Type.Object({
  text: Type.String(),
  /** 注意 / 提示 under the step */
  tips: Type.Optional(Type.Array(Type.String())),
  /** a page of the hall where the step is done */
  link: Type.Optional(Type.Object({ label: Type.String(), to: Type.String() })),
});
export type HelpStep = Static<typeof HelpStep>;

export const HelpSection = Type.Object({
  title: Type.String(),
  intro: Type.Optional(Type.String()),
  steps: Type.Array(HelpStep),
  /** a table from the manual (e.g. the construction permit's checklist) */
  table: Type.Optional(Type.Object({ columns: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.String())) })),
});
export type HelpSection = Static<typeof HelpSection>;

export const HelpPageSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  manual: Type.String(),
  summary: Type.String(),
  order: Type.Integer(),
});
export type HelpPageSummary = Static<typeof HelpPageSummary>;

export const HelpPage = Type.Composite([HelpPageSummary, Type.Object({ sections: Type.Array(HelpSection) })]);
export type HelpPage = Static<typeof HelpPage>;
