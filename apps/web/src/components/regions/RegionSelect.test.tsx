import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Region } from '../../api/types';
import { mockApi, type ApiCall } from '../../test/api';
import { fill, renderWithProviders } from '../../test/render';
import { NationalRegionSelect } from './NationalRegionSelect';
import { RegionTreeSelect } from './RegionTreeSelect';

const r = (code: string, name: string, fullName: string, level: Region['level']): Region => ({
  code,
  name,
  fullName,
  level,
  parentCode: code.length > 2 ? code.slice(0, code.length <= 6 ? code.length - 2 : 6) : null,
  hasChildren: level < 5,
});
const kunming = r('5301', '昆明市', '云南省昆明市', 2);
const guanshang = r('530111001', '关上街道', '云南省昆明市官渡区关上街道', 4);
const elsewhere = r('530402001', '关上社区', '云南省玉溪市红塔区关上社区', 4);
const guandu = r('530111', '官渡区', '云南省昆明市官渡区', 3);

function regionsApi() {
  return mockApi({
    'GET /api/system/info': { name: '平台', city: { code: '5301', name: '昆明市' }, mode: 'production' },
    'GET /api/regions/5301': { ...kunming, ancestors: [] },
    'GET /api/regions': (call: ApiCall) => {
      const q = call.query.get('q');
      if (q === '关上') return [guanshang, elsewhere];
      if (q === '官渡') return [guandu, guanshang];
      if (q) return [];
      if (call.query.get('parent') === '5301') return [guandu];
      return [r('53', '云南省', '云南省', 1)];
    },
  });
}

function Harness({ picker, onChange }: { picker: 'city' | 'national'; onChange: (v: string | undefined) => void }) {
  const [value, setValue] = useState<string | undefined>();
  const change = (v: string | undefined) => {
    onChange(v);
    setValue(v);
  };
  return (
    <label>
      区划
      {picker === 'city' ? (
        <RegionTreeSelect value={value} onChange={change} />
      ) : (
        <NationalRegionSelect value={value} onChange={change} />
      )}
    </label>
  );
}

describe('RegionTreeSelect: searching the city by name', () => {
  it('lists the matches inside the city by full name and picks one', async () => {
    const net = regionsApi();
    const onChange = vi.fn();
    const { user } = renderWithProviders(<Harness picker="city" onChange={onChange} />, {
      permissions: ['regions:read'],
    });
    await user.type(screen.getByRole('combobox'), '关上');
    expect(await screen.findByTitle('云南省昆明市官渡区关上街道')).toBeInTheDocument();
    // A match in another city is left out.
    expect(screen.queryByTitle('云南省玉溪市红塔区关上社区')).not.toBeInTheDocument();
    // Typing is debounced: one search for the whole word.
    expect(net.calls.filter((c) => c.query.has('q')).map((c) => c.query.get('q'))).toEqual(['关上']);

    await user.click(screen.getByTitle('云南省昆明市官渡区关上街道'));
    expect(onChange).toHaveBeenCalledWith('530111001');
  });

  it('says so when nothing matches', async () => {
    regionsApi();
    const { user } = renderWithProviders(<Harness picker="city" onChange={vi.fn()} />, {
      permissions: ['regions:read'],
    });
    await user.type(screen.getByRole('combobox'), '火星');
    expect(await screen.findByText('没有匹配的区划')).toBeInTheDocument();
  });

  it('falls back to typing the code without regions:read', async () => {
    const net = regionsApi();
    const onChange = vi.fn();
    const { user } = renderWithProviders(<Harness picker="city" onChange={onChange} />, { permissions: [] });
    const input = screen.getByPlaceholderText('请输入行政区划代码');
    await fill(user, input, ' 530111 ');
    expect(onChange).toHaveBeenLastCalledWith('530111');
    expect(net.calls.filter((c) => c.path.startsWith('/api/regions'))).toHaveLength(0);
  });
});

describe('NationalRegionSelect: searching the country', () => {
  it('offers only regions down to the county level', async () => {
    regionsApi();
    const onChange = vi.fn();
    const { user } = renderWithProviders(<Harness picker="national" onChange={onChange} />, {
      permissions: ['regions:read'],
    });
    await user.type(screen.getByRole('combobox'), '官渡');
    expect(await screen.findByTitle('云南省昆明市官渡区')).toBeInTheDocument();
    expect(screen.queryByTitle('云南省昆明市官渡区关上街道')).not.toBeInTheDocument();
    await user.click(screen.getByTitle('云南省昆明市官渡区'));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('530111'));
  });
});
