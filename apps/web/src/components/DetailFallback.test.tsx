import { useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { buttonName, currentLocation, renderWithProviders } from '../test/render';
import { DetailFallback } from './DetailFallback';

/** A detail page as the console's are written: the fallback until the query succeeds, then the record. */
function ProjectPage({ load }: { load: () => Promise<{ name: string }> }) {
  const project = useQuery({ queryKey: ['project', 'p-1'], queryFn: load, retry: false });
  if (!project.isSuccess) return <DetailFallback query={project} subject="项目" listPath="/projects" />;
  return <h1>{project.data.name}</h1>;
}

describe('DetailFallback', () => {
  it('shows the record once loaded, a skeleton before', async () => {
    let resolve: (v: { name: string }) => void = () => {};
    const load = () => new Promise<{ name: string }>((r) => (resolve = r));
    const { container } = renderWithProviders(<ProjectPage load={load} />);
    expect(container.querySelector('.ant-skeleton')).not.toBeNull();
    resolve({ name: '滇池花园二期' });
    expect(await screen.findByRole('heading', { name: '滇池花园二期' })).toBeInTheDocument();
  });

  it('says "not found or not in your scope" for a 404, without a retry, and leads back to the list', async () => {
    const load = () => Promise.reject(new ApiError(404, { detail: '项目不存在' }, '未找到'));
    const { user } = renderWithProviders(<ProjectPage load={load} />, { route: '/projects/p-1' });
    expect(await screen.findByText('项目不存在')).toBeInTheDocument();
    expect(screen.getByText('该项目不存在或不在您的管辖范围内')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: buttonName('重试') })).toBeNull();
    await user.click(screen.getByRole('button', { name: buttonName('返回列表') }));
    expect(currentLocation()).toBe('/projects');
  });

  it('shows any other error in Chinese with a retry that loads again', async () => {
    const load = vi
      .fn<() => Promise<{ name: string }>>()
      .mockRejectedValueOnce(new ApiError(503, { detail: '数据库暂时不可用，请稍后再试' }, '服务不可用'))
      .mockResolvedValueOnce({ name: '滇池花园二期' });
    const { user, container } = renderWithProviders(<ProjectPage load={load} />);
    expect(await screen.findByText('无法加载项目')).toBeInTheDocument();
    // (the console's query client also shows it as a message)
    expect(container.querySelector('.ant-result-subtitle')?.textContent).toBe('数据库暂时不可用，请稍后再试');
    await user.click(screen.getByRole('button', { name: buttonName('重试') }));
    expect(await screen.findByRole('heading', { name: '滇池花园二期' })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
