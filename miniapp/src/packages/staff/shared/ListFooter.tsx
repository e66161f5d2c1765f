import { Text, View } from '@tarojs/components';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import type { CursorList } from '../../../hooks/useCursorList';
import styles from './staff.module.scss';

/** Loading more / 加载更多 / 没有更多了 under a cursor list. */
export function ListFooter({ list }: { list: CursorList<{ id: number }> }) {
  return (
    <View className={styles.footer} {...h5Attrs({ 'aria-live': 'polite' })}>
      {list.loadingMore ? <Text>正在加载更多…</Text> : null}
      {list.moreError ? <Text>{list.moreError}</Text> : null}
      {list.hasMore && !list.loadingMore ? (
        <Pressable className={styles.secondary} onPress={() => void list.loadMore()}>
          {list.moreError ? '重试加载更多' : '加载更多'}
        </Pressable>
      ) : null}
      {!list.hasMore && list.items.length > 0 ? <Text>没有更多了</Text> : null}
    </View>
  );
}
