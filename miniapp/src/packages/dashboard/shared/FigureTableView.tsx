import { ScrollView, Text, View } from '@tarojs/components';
import type { FigureTable } from './dashboard-view';
import styles from './dashboard.module.scss';

/**
 * The numbers behind a chart as a table: a real <table> with a caption and column headers in h5
 * (screen readers read it cell by cell), rows of text in weapp. Scrolls sideways when wide.
 * `captionShown` false: the caption is kept for screen readers only (a heading above says it).
 */
export function FigureTableView({ table, emptyText = '暂无数据', captionShown = true }: { table: FigureTable; emptyText?: string; captionShown?: boolean }) {
  if (!table.rows.length) return <Text className={styles.muted}>{emptyText}</Text>;
  if (process.env.TARO_ENV === 'h5') {
    return (
      <div className={styles.tableScroll} tabIndex={0} role='region' aria-label={`${table.title}（表格）`}>
        <table className={styles.table}>
          <caption className={captionShown ? styles.caption : 'sb-visually-hidden'}>{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope='col' className={styles.th}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key}>
                {r.cells.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope='row' className={styles.rowHead}>
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className={styles.td}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <ScrollView scrollX className={styles.tableScroll}>
      {captionShown ? <Text className={styles.caption}>{table.title}</Text> : null}
      <View className={styles.table}>
        <View className={styles.tr}>
          {table.columns.map((c) => (
            <Text key={c} className={styles.th}>
              {c}
            </Text>
          ))}
        </View>
        {table.rows.map((r) => (
          <View key={r.key} className={styles.tr}>
            {r.cells.map((cell, i) => (
              <Text key={i} className={i === 0 ? styles.rowHead : styles.td}>
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
