// Every page of the hall. Pages that later issues fill in say 建设中 until then; the route paths
// are fixed now so links (SMS links, the sidebar, e2e tests) do not move.
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { PageLoading } from '../components/page-loading.tsx';
import { UnderConstruction } from '../components/under-construction.tsx';
import { PortalLayout } from './layouts/portal-layout.tsx';
import { RequireSession } from './layouts/require-session.tsx';
import { SpaceLayout } from './layouts/space-layout.tsx';
import { NotFound } from './layouts/not-found.tsx';
import type { RouteHandle } from './layouts/crumbs.ts';
import { SPACE_MENU } from './layouts/space-menu.tsx';

function placeholder(path: string, title: string): RouteObject {
  return { path, element: <UnderConstruction title={title} />, handle: { crumb: title } satisfies RouteHandle };
}

const spacePages: Partial<Record<string, () => Promise<{ Component: React.ComponentType }>>> = {
  home: async () => ({ Component: (await import('../features/home/components/home-page.tsx')).HomePage }),
  drive: async () => ({ Component: (await import('../features/drive/components/drive-page.tsx')).DrivePage }),
  materials: async () => ({ Component: (await import('../features/my-materials/components/materials-page.tsx')).MaterialsPage }),
  projects: async () => ({ Component: (await import('../features/projects/components/projects-page.tsx')).ProjectsPage }),
  'auto-code': async () => ({ Component: (await import('../features/projects/components/projects-page.tsx')).AutoCodePage }),
  apply: async () => ({ Component: (await import('../features/applications/components/apply-page.tsx')).ApplyPage }),
  applications: async () => ({ Component: (await import('../features/applications/components/applications-page.tsx')).ApplicationsPage }),
  'third-party': async () => ({ Component: (await import('../features/third-party/components/links-page.tsx')).LinksPage }),
  'sign-requests': async () => ({ Component: (await import('../features/invitations/components/invitations-page.tsx')).InvitationsPage }),
};

const spaceChildren: RouteObject[] = [
  { index: true, element: <Navigate to="/space/home" replace /> },
  ...SPACE_MENU.map((item): RouteObject => {
    const lazy = spacePages[item.path];
    return lazy
      ? { path: item.path, lazy, hydrateFallbackElement: <PageLoading />, handle: { crumb: item.label } satisfies RouteHandle }
      : placeholder(item.path, item.label);
  }),
  {
    path: 'quick-register',
    lazy: async () => ({ Component: (await import('../features/projects/components/projects-page.tsx')).QuickRegisterPage }),
    handle: { crumb: '快速登记' } satisfies RouteHandle,
  },
  {
    path: 'profile',
    lazy: async () => ({ Component: (await import('../features/auth/components/profile-page.tsx')).ProfilePage }),
    handle: { crumb: '单位信息' } satisfies RouteHandle,
  },
  {
    path: 'applications/:id',
    lazy: async () => ({ Component: (await import('../features/applications/components/application-page.tsx')).ApplicationPage }),
    handle: { crumb: '办件详情' } satisfies RouteHandle,
  },
];

const routes: RouteObject[] = [
  { path: '/', element: <Navigate to="/space/home" replace /> },
  {
    element: <PortalLayout />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        path: 'login',
        lazy: async () => ({ Component: (await import('../features/auth/components/login-page.tsx')).LoginPage }),
        hydrateFallbackElement: <PageLoading />,
        handle: { crumb: '用户登录' } satisfies RouteHandle,
      },
      {
        path: 'space',
        element: (
          <RequireSession>
            <SpaceLayout />
          </RequireSession>
        ),
        handle: { crumb: '法人空间', to: '/space/home' } satisfies RouteHandle,
        children: spaceChildren,
      },
      {
        path: 'seal/batch',
        lazy: async () => {
          const { BatchSealingPage } = await import('../features/sealing/components/sealing-page.tsx');
          return {
            element: (
              <RequireSession>
                <BatchSealingPage />
              </RequireSession>
            ),
          };
        },
        handle: { crumb: '批量盖章' } satisfies RouteHandle,
      },
      {
        path: 'seal/:fileId',
        lazy: async () => {
          const { SealingPage } = await import('../features/sealing/components/sealing-page.tsx');
          return {
            element: (
              <RequireSession>
                <SealingPage />
              </RequireSession>
            ),
          };
        },
        handle: { crumb: '在线盖章' } satisfies RouteHandle,
      },
      {
        path: 'seal/invite/:token',
        lazy: async () => {
          const { InvitedSealingPage } = await import('../features/sealing/components/invited-sealing-page.tsx');
          return {
            element: (
              <RequireSession>
                <InvitedSealingPage />
              </RequireSession>
            ),
          };
        },
        handle: { crumb: '在线盖章' } satisfies RouteHandle,
      },
      {
        path: 'dev/sms',
        lazy: async () => ({ Component: (await import('../features/invitations/components/sms-outbox-page.tsx')).SmsOutboxPage }),
        handle: { crumb: '短信发件箱' } satisfies RouteHandle,
      },
      {
        path: 'invite/:token',
        lazy: async () => ({ Component: (await import('../features/invitations/components/invite-landing-page.tsx')).InviteLandingPage }),
        handle: { crumb: '在线盖章、签名' } satisfies RouteHandle,
      },
      {
        path: 'help/key-agent',
        lazy: async () => ({ Component: (await import('../features/auth/components/key-agent-page.tsx')).KeyAgentPage }),
        handle: { crumb: '签章软件控件下载' } satisfies RouteHandle,
      },
      {
        path: 'verify',
        lazy: async () => ({ Component: (await import('../features/verify/components/verify-page.tsx')).VerifyPage }),
        handle: { crumb: '验证签章' } satisfies RouteHandle,
      },
      {
        path: 'help',
        handle: { crumb: '帮助中心', to: '/help' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await import('../features/help/components/help-page.tsx')).HelpCenterPage }),
        hydrateFallbackElement: <PageLoading />,
      },
      {
        path: 'help/:slug',
        handle: { crumb: '帮助中心' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await import('../features/help/components/help-page.tsx')).HelpCenterPage }),
        hydrateFallbackElement: <PageLoading />,
      },
      {
        path: 'guide',
        handle: { crumb: '智能引导' } satisfies RouteHandle,
        lazy: async () => ({ Component: (await import('../features/guide/components/guide-page.tsx')).GuidePage }),
        hydrateFallbackElement: <PageLoading />,
      },
      {
        path: 'query',
        lazy: async () => ({ Component: (await import('../features/lookup/components/query-page.tsx')).QueryPage }),
        handle: { crumb: '信息查询' } satisfies RouteHandle,
      },
      {
        path: 'notice',
        lazy: async () => ({ Component: (await import('../features/lookup/components/notice-page.tsx')).NoticePage }),
        handle: { crumb: '项目公示' } satisfies RouteHandle,
      },
      {
        path: 'third-party/:token',
        lazy: async () => {
          const { ThirdPartyPage } = await import('../features/third-party/components/third-party-page.tsx');
          return {
            element: (
              <RequireSession>
                <ThirdPartyPage />
              </RequireSession>
            ),
          };
        },
        handle: { crumb: '第三方材料上传' } satisfies RouteHandle,
      },
      {
        path: 'feedback',
        handle: { crumb: '问题反馈' } satisfies RouteHandle,
        lazy: async () => {
          const { FeedbackPage } = await import('../features/feedback/components/feedback-page.tsx');
          return {
            element: (
              <RequireSession>
                <FeedbackPage />
              </RequireSession>
            ),
          };
        },
        hydrateFallbackElement: <PageLoading />,
      },
      placeholder('zjy', '住建云'),
      { path: '*', element: <NotFound />, handle: { crumb: '页面不存在' } satisfies RouteHandle },
    ],
  },
  // The phone's signing page: mobile-sized, no portal frame.
  { path: '/m/sign/:token', lazy: async () => ({ Component: (await import('../features/mobile-sign/components/mobile-sign-page.tsx')).MobileSignPage }), hydrateFallbackElement: <PageLoading /> },
  // 打印预览 of one application: an A4 sheet, no portal frame (opened in a new tab).
  {
    path: '/print/applications/:id',
    lazy: async () => {
      const { ApplicationPrintPage } = await import('../features/applications/components/print-page.tsx');
      return {
        element: (
          <RequireSession>
            <ApplicationPrintPage />
          </RequireSession>
        ),
      };
    },
    hydrateFallbackElement: <PageLoading />,
  },
  // The window staff work in their own console, outside the enterprise portal.
  { path: '/staff/*', lazy: async () => ({ Component: (await import('../features/staff/components/staff-console.tsx')).StaffConsole }), hydrateFallbackElement: <PageLoading /> },
];

const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
