import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { CSSProperties } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** Data of an ECharts mouse event (the fields used here). */
export interface ChartClick {
  componentType: string;
  seriesName?: string;
  name: string;
  dataIndex: number;
}

/** Like components/charts/EChart, with a click handler (drill-down). */
export function ClickableChart({
  option,
  style,
  onClick,
  testId,
}: {
  option: Record<string, unknown>;
  style?: CSSProperties;
  onClick?: (e: ChartClick) => void;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 320, ...style }}
        opts={{ renderer: 'canvas' }}
        onEvents={onClick ? { click: (e: ChartClick) => onClick(e) } : undefined}
      />
    </div>
  );
}
