import { Text, View } from '@tarojs/components';
import {
  AUDIENCE_LABELS,
  CHANNEL_LABELS,
  DISCLOSURE_CATEGORY_LABELS,
  DISCLOSURE_METHOD_LABELS,
  DOMAIN_LABELS,
  type NoticeDetailDto,
} from '@sunboard/shared';
import { formatDateRange } from '../../lib/format';
import { h5Attrs } from '../a11y';
import styles from './index.module.scss';

interface Row {
  label: string;
  value: string;
}

export function noticeElementRows(n: NoticeDetailDto): Row[] {
  const channels = (n.channels ?? []).map((c) => CHANNEL_LABELS[c] ?? c).join('、');
  const method = DISCLOSURE_METHOD_LABELS[n.method] ?? '';
  const rows: Row[] = [
    { label: '发布主体', value: n.publisher },
    { label: '公开区域', value: n.region.fullName || n.region.name },
    { label: '依据', value: n.basis || '—' },
    { label: '时限', value: n.timeLimit || '—' },
    { label: '公开方式', value: channels ? `${method}（${channels}）` : method || '—' },
    { label: '公开对象', value: AUDIENCE_LABELS[n.audience] ?? '—' },
    { label: '文号', value: n.docNo || '无' },
    { label: '公开类别', value: `${DISCLOSURE_CATEGORY_LABELS[n.category] ?? ''} · ${DOMAIN_LABELS[n.domain] ?? ''}` },
  ];
  const publicity = formatDateRange(n.publicityStartsAt, n.publicityEndsAt);
  if (publicity) rows.push({ label: '公示期', value: publicity });
  const validity = formatDateRange(n.validFrom, n.validUntil);
  if (validity) rows.push({ label: '有效期', value: validity });
  if (n.indexNo) rows.push({ label: '索引号', value: n.indexNo });
  return rows;
}

/** 公开要素: the standard elements of a notice as label/value rows. */
export function ElementsPanel({ notice }: { notice: NoticeDetailDto }) {
  return (
    <View className={styles.panel} {...h5Attrs({ role: 'region', 'aria-label': '公开要素' })}>
      <Text className={styles.heading}>公开要素</Text>
      {noticeElementRows(notice).map((row) => (
        <View key={row.label} className={styles.row}>
          <Text className={styles.label}>{row.label}</Text>
          <Text className={styles.value}>{row.value}</Text>
        </View>
      ))}
    </View>
  );
}
