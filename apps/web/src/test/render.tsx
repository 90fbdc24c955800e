// One render helper for console tests: antd in zh_CN with its App context (message / modal), a fresh
// QueryClient configured as the console's, a signed-in user and a MemoryRouter.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render, screen, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { qk } from '../api/endpoints';
import { createQueryClient } from '../api/queryClient';
import type { Me, MeResponse } from '../api/types';
import { MeProvider } from '../auth/MeProvider';
import { FeedbackBridge } from '../components/FeedbackBridge';

export function testUser(permissions: string[] = [], extra: Partial<Me> = {}): Me {
  return {
    id: 'u-1',
    username: 'zhangsan',
    displayName: '张三',
    department: null,
    regionCode: '530111',
    regionName: '官渡区',
    dataScope: 'region',
    roles: [],
    permissions,
    permissionNames: {},
    totpEnabled: true,
    totpRequired: false,
    mustChangePassword: false,
    passwordExpiresAt: '2027-06-01T00:00:00.000Z',
    ...extra,
  };
}

interface Options {
  /** Where the MemoryRouter starts. */
  route?: string;
  /** The route pattern the element is mounted at (so useParams works), e.g. '/workers/:id/edit'. */
  path?: string;
  /** Permissions of the signed-in user; `null` renders signed out. */
  permissions?: string[] | null;
  queryClient?: QueryClient;
}

function CurrentLocation() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export function renderWithProviders(
  ui: ReactElement,
  { route = '/', path = '*', permissions = [], queryClient = createQueryClient() }: Options = {},
): RenderResult & { user: ReturnType<typeof userEvent.setup>; queryClient: QueryClient } {
  const session: MeResponse | null =
    permissions === null ? null : { stage: 'done', user: testUser(permissions), idleTimeoutSeconds: 1800 };
  queryClient.setQueryData(qk.me, session);
  // antd dropdowns set pointer-events while they animate in; jsdom has no layout to check it against.
  // applyAccept off: a refused file kind must reach the component's own check (as a dropped file does).
  const user = userEvent.setup({ delay: null, pointerEventsCheck: 0, applyAccept: false });
  const result = render(
    // No motion: messages and field errors appear at once instead of after an animation.
    <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <MeProvider>
            <MemoryRouter initialEntries={[route]}>
              <Routes>
                <Route path={path} element={ui} />
                {path !== '*' && <Route path="*" element={null} />}
              </Routes>
              <CurrentLocation />
            </MemoryRouter>
          </MeProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
  return { ...result, user, queryClient };
}

/** The path (and query) the router is at now. */
export const currentLocation = () => screen.getByTestId('location').textContent;

/**
 * A button's accessible name as a pattern: antd puts a space between two Chinese characters of a
 * button ("提 交") and an icon adds its own label ("download 下载模板").
 */
export function buttonName(text: string): RegExp {
  const chars = [...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^([a-z-]+\\s*)?${chars.join('\\s*')}$`);
}

/**
 * Replace what an input holds with `text` as a user pasting it (one input event; typing key by key
 * in antd inputs costs a render and a validation per key — use `user.type` where each key matters).
 */
export async function fill(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string): Promise<void> {
  await user.clear(input);
  if (text) await user.paste(text);
}

/** The validation messages shown under form fields, top to bottom (antd gives them no role). */
export function fieldErrors(): string[] {
  return [...document.querySelectorAll('.ant-form-item-explain-error')].map((el) => el.textContent ?? '');
}
