import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { NoticeCard } from '../../../components/NoticeCard';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../../components/StateView';
import { useCursorList } from '../../../hooks/useCursorList';
import { searchTerms } from '../../../lib/highlight';
import { parseRecentSearches, pushRecentSearch, RECENT_SEARCHES_KEY, removeRecentSearch, SEARCH_QUERY_MAX } from '../../../lib/recent-searches';
import { ROUTES } from '../../../lib/routes';
import { listNotices } from '../../../services/notices';
import { useSession } from '../../../stores/session';
import { readStored, writeStored } from '../../../stores/taro-storage';
import styles from './index.module.scss';

const openNotice = (id: number) => void Taro.navigateTo({ url: ROUTES.noticeDetail(id) });


function SearchBox({ value, onChange, onSubmit }: { value: string; onChange: (v: string) => void; onSubmit: () => void }) {
  return (
    <View className={styles.box} {...h5Attrs({ role: 'search' })}>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          type='search'
          className={styles.input}
          value={value}
          maxLength={SEARCH_QUERY_MAX}
          placeholder='输入关键词，如：低保、停水、医保'
          aria-label='搜索公开信息'
          enterKeyHint='search'
          autoFocus
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSubmit();
          }}
        />
      ) : (
        <Input
          className={styles.input}
          value={value}
          maxlength={SEARCH_QUERY_MAX}
          placeholder='输入关键词，如：低保、停水、医保'
          confirmType='search'
          focus
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={onSubmit}
        />
      )}
      <Pressable className={styles.go} onPress={onSubmit}>
        搜索
      </Pressable>
    </View>
  );
}

function Recent({ items, onPick, onRemove, onClear }: { items: string[]; onPick: (q: string) => void; onRemove: (q: string) => void; onClear: () => void }) {
  if (!items.length) {
    return <EmptyState title='搜索本社区及所属街道、区县的公开信息' text='可以搜索名称、内容和发布单位，例如“低保”“停水”“医保”。' />;
  }
  return (
    <View className={styles.recent} {...h5Attrs({ role: 'region', 'aria-label': '最近搜索' })}>
      <View className={styles.recentHead}>
        <Text className={styles.recentTitle}>最近搜索</Text>
        <Pressable className={styles.clear} onPress={onClear}>
          清空
        </Pressable>
      </View>
      <View className={styles.recentList}>
        {items.map((q) => (
          <View key={q} className={styles.recentItem}>
            <Pressable className={styles.recentWord} label={`搜索：${q}`} onPress={() => onPick(q)}>
              {q}
            </Pressable>
            <Pressable className={styles.remove} label={`删除最近搜索：${q}`} onPress={() => onRemove(q)}>
              ×
            </Pressable>
          </View>
        ))}
      </View>
    </View>
  );
}

function Results({ regionId, query }: { regionId: number; query: string }) {
  const terms = useMemo(() => searchTerms(query), [query]);
  const fetchPage = useCallback((cursor: string | null) => listNotices({ regionId, q: query, cursor, limit: 20 }), [regionId, query]);
  const list = useCursorList(fetchPage, `${regionId}|${query}`, true);
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  if (list.loading && !list.loaded) return <SkeletonList text='正在搜索…' />;
  if (list.error && !list.items.length) return <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  if (list.loaded && !list.items.length) {
    return <EmptyState title='没有找到相关公开信息' text={`没有与“${query}”相关的公开信息，可以换个词试试，或少输入几个字。`} />;
  }
  return (
    <View>
      <Text className={styles.count} {...h5Attrs({ role: 'status' })}>
        “{query}”的搜索结果{list.hasMore ? '' : `，共 ${list.items.length} 条`}
      </Text>
      <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '搜索结果' })}>
        {list.items.map((n) => (
          <View key={n.id} {...h5Attrs({ role: 'listitem' })}>
            <NoticeCard notice={n} onOpen={openNotice} terms={terms} />
          </View>
        ))}
      </View>
      <View className={styles.footer} {...h5Attrs({ 'aria-live': 'polite' })}>
        {list.loadingMore ? <Text>正在加载更多…</Text> : null}
        {list.moreError ? <Text>{list.moreError}</Text> : null}
        {list.hasMore && !list.loadingMore ? (
          <Pressable className={styles.more} onPress={() => void list.loadMore()}>
            {list.moreError ? '重试加载更多' : '加载更多'}
          </Pressable>
        ) : null}
        {!list.hasMore && list.items.length > 0 ? <Text>没有更多了</Text> : null}
      </View>
    </View>
  );
}

function Search({ initial }: { initial: string }) {
  const home = useSession((s) => s.user?.homeRegion ?? null);
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial.trim());
  const [recent, setRecent] = useState<string[]>(() => parseRecentSearches(readStored(RECENT_SEARCHES_KEY)));

  const saveRecent = (next: string[]) => {
    setRecent(next);
    writeStored(RECENT_SEARCHES_KEY, JSON.stringify(next));
  };
  const run = (q: string) => {
    const clean = q.trim().slice(0, SEARCH_QUERY_MAX);
    setText(clean);
    if (!clean) {
      void Taro.showToast({ title: '请输入要搜索的词', icon: 'none' });
      return;
    }
    setQuery(clean);
    saveRecent(pushRecentSearch(recent, clean));
  };

  if (!home) {
    return (
      <EmptyState title='请先选择您居住的社区' text='选好社区后，就能搜索本社区和所属街道、区县的公开信息。'>
        <Pressable className={styles.primary} onPress={() => void Taro.navigateTo({ url: ROUTES.regionPicker })}>
          选择社区
        </Pressable>
      </EmptyState>
    );
  }
  return (
    <View>
      <SearchBox value={text} onChange={setText} onSubmit={() => run(text)} />
      <Text className={styles.scope}>搜索范围：{home.name}及所属街道、区县发布的公开信息</Text>
      {query ? (
        <Results key={query} regionId={home.id} query={query} />
      ) : (
        <Recent items={recent} onPick={run} onRemove={(q) => saveRecent(removeRecentSearch(recent, q))} onClear={() => saveRecent([])} />
      )}
    </View>
  );
}

export default function NoticeSearchPage() {
  const { params } = useRouter();
  let initial = '';
  try {
    initial = params.q ? decodeURIComponent(params.q) : '';
  } catch {
    initial = '';
  }
  return (
    <PageRoot title='搜索公开信息'>
      <SessionGate>
        <Search initial={initial} />
      </SessionGate>
    </PageRoot>
  );
}
