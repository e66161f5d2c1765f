import { View } from '@tarojs/components';
import Echarts from 'taro-react-echarts';
import { h5Attrs } from '../../../components/a11y';
import { echarts } from './echarts';
import styles from './dashboard.module.scss';

/**
 * One chart (taro-react-echarts: a <canvas type="2d"> in weapp, a canvas in a <div> in h5). Hidden
 * from screen readers: the words above it and the table after it say the same.
 * `isPage={false}`: the chart mounts once the data arrive, after the page's onReady.
 */
export function Chart({ id, option, height }: { id: string; option: Record<string, unknown>; height: number }) {
  return (
    <View className={styles.chart} {...h5Attrs({ 'aria-hidden': 'true' })}>
      <Echarts echarts={echarts} option={option} canvasId={id} isPage={false} style={{ height: `${height}px` }} />
    </View>
  );
}
