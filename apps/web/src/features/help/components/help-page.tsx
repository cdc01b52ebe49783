import { Alert, Empty, Menu, Spin, Table, Typography } from 'antd';
import { Link, Navigate, useParams } from 'react-router-dom';
import { useRequest } from '../../../hooks/use-request.ts';
import { getHelp, listHelp, type HelpPage, type HelpPageSummary } from '../api/help.ts';
import '../help.css';

function SideList({ pages, current }: { pages: HelpPageSummary[]; current?: string }) {
  const manuals = [...new Set(pages.map((p) => p.manual))];
  return (
    <Menu
      className="hall-help-menu"
      mode="inline"
      selectedKeys={current ? [current] : []}
      defaultOpenKeys={manuals}
      items={manuals.map((manual) => ({
        key: manual,
        type: 'group' as const,
        label: manual,
        children: pages.filter((p) => p.manual === manual).map((p) => ({ key: p.slug, label: <Link to={`/help/${p.slug}`}>{p.title}</Link> })),
      }))}
    />
  );
}

function Content({ page }: { page: HelpPage }) {
  return (
    <article className="hall-help-content" data-testid="help-content">
      <Typography.Title level={3}>{page.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{page.summary}</Typography.Paragraph>
      {page.sections.map((section, si) => (
        <section key={section.title} className="hall-help-section">
          <Typography.Title level={4}>
            ({si + 1}) {section.title}
          </Typography.Title>
          {section.intro && <Typography.Paragraph>{section.intro}</Typography.Paragraph>}
          <ol className="hall-help-steps">
            {section.steps.map((step) => (
              <li key={step.text}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {step.text}
                  {step.link && (
                    <>
                      {' '}
                      <Link to={step.link.to}>{step.link.label} &gt;</Link>
                    </>
                  )}
                </Typography.Paragraph>
                {step.tips?.map((tip) => <Alert key={tip} type="info" showIcon message={tip} className="hall-help-tip" />)}
              </li>
            ))}
          </ol>
          {section.table && (
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey={(row) => row[0] ?? ''}
              dataSource={section.table.rows}
              columns={section.table.columns.map((title, i) => ({ title, render: (_v: unknown, row: string[]) => row[i], width: i === 0 ? 60 : undefined }))}
            />
          )}
        </section>
      ))}
    </article>
  );
}

/** 帮助中心: the manuals' chapters on the left, the chosen one on the right. */
export function HelpCenterPage() {
  const { slug } = useParams();
  const list = useRequest((s) => listHelp(s), []);
  const page = useRequest((s) => getHelp(slug!, s), [slug], { enabled: Boolean(slug), quiet: (e) => e.code === 'NOT_FOUND' });
  if (!slug && list.data?.[0]) return <Navigate to={`/help/${list.data[0].slug}`} replace />;
  return (
    <div className="hall-panel hall-help" data-testid="help-center">
      <aside className="hall-help-side">
        <div className="hall-panel-title">帮助中心</div>
        {list.data ? <SideList pages={list.data} current={slug} /> : <Spin />}
      </aside>
      <div className="hall-help-main">
        {page.error?.code === 'NOT_FOUND' ? <Empty description="帮助内容不存在" /> : page.data ? <Content page={page.data} /> : <Spin />}
      </div>
    </div>
  );
}
