import { ScrollView, Text, View } from '@tarojs/components';
import type { NoticeTableDto } from '@sunboard/shared';
import { useMemo, useState } from 'react';
import { columnHeading, maskedSummary, normalisedRows } from '../../lib/notice-table';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

const PAGE_ROWS = 100;

/**
 * A 公示 list: header row, cells exactly as the server sent them (masked on import), masked columns
 * marked 【已脱敏】 in words. Scrolls sideways when wide; h5 renders a real <table>.
 */
export function NoticeTable({ table, heading = '公示名单' }: { table: NoticeTableDto; heading?: string }) {
  const [shown, setShown] = useState(PAGE_ROWS);
  const rows = useMemo(() => normalisedRows(table), [table]);
  const summary = maskedSummary(table);
  const visible = rows.slice(0, shown);
  const title = table.title || heading;

  let grid;
  if (process.env.TARO_ENV === 'h5') {
    grid = (
      <div className={styles.scroll} tabIndex={0} role='region' aria-label={`${title}（可左右滑动）`}>
        <table className={styles.table}>
          <caption className='sb-visually-hidden'>
            {title}，共 {table.rowCount} 行
          </caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope='col' className={c.masked ? styles.maskedHead : styles.head}>
                  {columnHeading(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} className={styles.cell}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  } else {
    grid = (
      <ScrollView scrollX className={styles.scroll}>
        <View className={styles.table}>
          <View className={styles.tr}>
            {table.columns.map((c) => (
              <Text key={c.key} className={`${styles.th} ${c.masked ? styles.maskedHead : styles.head}`}>
                {columnHeading(c)}
              </Text>
            ))}
          </View>
          {visible.map((row, r) => (
            <View key={r} className={styles.tr}>
              {row.map((cell, i) => (
                <Text key={i} className={`${styles.td} ${styles.cell}`} userSelect>
                  {cell}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </ScrollView>
    );
  }

  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': title })}>
      <Text className={styles.heading}>{title}</Text>
      <Text className={styles.meta}>共 {table.rowCount} 行{rows.length > shown ? `，先显示前 ${shown} 行` : ''}，表格较宽时可左右滑动查看</Text>
      {summary ? <Text className={styles.summary}>{summary}</Text> : null}
      {grid}
      {rows.length > shown ? (
        <Pressable className={styles.more} onPress={() => setShown((n) => n + PAGE_ROWS)}>
          显示更多行（还有 {rows.length - shown} 行）
        </Pressable>
      ) : null}
    </View>
  );
}
