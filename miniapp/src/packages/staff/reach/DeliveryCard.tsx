import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import { describeError } from '../../../lib/api-error';
import { deliveryRows, deliverySentence } from '../../../lib/delivery-figures';
import type { PushFiguresDto } from '@sunboard/shared';
import { getNoticeDeliveryFigures } from '../../../services/push';
import styles from './delivery.module.scss';

/** 送达情况: who the notice was pushed to and what became of it (numbers and one sentence). */
export function DeliveryCard({ noticeId }: { noticeId: number }) {
  const [figures, setFigures] = useState<PushFiguresDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setFigures(await getNoticeDeliveryFigures(noticeId));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setLoading(false);
    }
  }, [noticeId]);
  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (figures) void load();
  });

  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-labelledby': 'delivery-title' })}>
      <Text id='delivery-title' className={styles.heading}>
        送达情况
      </Text>
      {error ? (
        <Text className={styles.note} {...h5Attrs({ role: 'alert' })}>
          送达情况暂时无法读取：{error}
        </Text>
      ) : null}
      {figures ? (
        <>
          <View className={styles.grid}>
            {deliveryRows(figures).map((r) => (
              <View key={r.key} className={styles.cell}>
                <Text className={styles.value}>{r.value}</Text>
                <Text className={styles.label}>{r.label}</Text>
              </View>
            ))}
          </View>
          <Text className={styles.note}>{deliverySentence(figures)}</Text>
        </>
      ) : !error ? (
        <Text className={styles.note}>正在统计送达情况…</Text>
      ) : null}
      <Pressable className={styles.refresh} disabled={loading} onPress={() => void load()}>
        {loading ? '正在刷新…' : '刷新送达情况'}
      </Pressable>
    </View>
  );
}
