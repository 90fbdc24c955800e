import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDebounced } from './useDebounced';

describe('useDebounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the value once it has stopped changing for the delay', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value, 300), {
      initialProps: { value: '' },
    });
    rerender({ value: '昆' });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    rerender({ value: '昆明' });
    act(() => {
      vi.advanceTimersByTime(299);
    });
    // Still typing: neither keystroke has settled.
    expect(result.current).toBe('');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe('昆明');
  });

  it('defaults to 300 ms', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value), { initialProps: { value: 1 } });
    rerender({ value: 2 });
    act(() => {
      vi.advanceTimersByTime(299);
    });
    expect(result.current).toBe(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(2);
  });
});
