// ECharts with only what Heli's charts use (render/charts.ts): bars and lines on a grid, titles, legends, tooltips,
// drawn as SVG. Loaded on demand by components/Chart.tsx, in a chunk of its own.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { echarts };
