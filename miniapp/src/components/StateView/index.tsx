import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

/** Loading text (announced politely by screen readers). */
export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className={styles.box} {...h5Attrs({ role: 'status', 'aria-live': 'polite' })}>
      <Text className={styles.text}>{text}</Text>
    </View>
  );
}

/** Grey placeholder cards while the first page loads, with the loading text for screen readers. */
export function SkeletonList({ count = 3, text = '正在加载…' }: { count?: number; text?: string }) {
  return (
    <View className={styles.skeleton} {...h5Attrs({ role: 'status', 'aria-live': 'polite' })}>
      <Text className={styles.text}>{text}</Text>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className={styles.skeletonCard} {...h5Attrs({ 'aria-hidden': 'true' })}>
          <View className={`${styles.bar} ${styles.barShort}`} />
          <View className={`${styles.bar} ${styles.barLong}`} />
          <View className={`${styles.bar} ${styles.barLong}`} />
        </View>
      ))}
    </View>
  );
}

export function EmptyState({ title, text, children }: { title: string; text?: string; children?: ReactNode }) {
  return (
    <View className={styles.box}>
      <Text className={styles.title}>{title}</Text>
      {text ? <Text className={styles.text}>{text}</Text> : null}
      {children}
    </View>
  );
}

export function ErrorState({ message, onRetry, retryText = '重试' }: { message: string; onRetry?: () => void; retryText?: string }) {
  return (
    <View className={styles.box} {...h5Attrs({ role: 'alert' })}>
      <Text className={styles.title}>加载失败</Text>
      <Text className={styles.text}>{message}</Text>
      {onRetry ? (
        <Pressable className={styles.retry} onPress={onRetry}>
          {retryText}
        </Pressable>
      ) : null}
    </View>
  );
}
