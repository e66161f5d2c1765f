/**
 * ECharts, tree-shaken: only the bar and line charts, the grid and the canvas renderer. Imported by
 * the dashboard sub-package alone, so the library stays out of the main package (weapp: 2 MB limit).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, CanvasRenderer]);

export { echarts };
