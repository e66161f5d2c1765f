import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { DOMAINS, type Domain, type RegionRefDto } from '@sunboard/shared';
import { useCallback, useState } from 'react';
import { h5Attrs } from '../../components/a11y';
import { NoticeCard } from '../../components/NoticeCard';
import { PageRoot } from '../../components/PageRoot';
import { Pressable } from '../../components/Pressable';
import { SessionGate } from '../../components/SessionGate';
import { EmptyState, ErrorState, SkeletonList } from '../../components/StateView';
import { useCursorList } from '../../hooks/useCursorList';
import { useInboxBadge } from '../../hooks/useInboxBadge';
import { cx } from '../../lib/cx';
import { leadingUrgentCount } from '../../lib/format';
import { ROUTES } from '../../lib/routes';
import { startSession } from '../../services/auth';
import { listNotices } from '../../services/notices';
import { useSession } from '../../stores/session';
import styles from './index.module.scss';

const openNotice = (id: number) => void Taro.navigateTo({ url: ROUTES.noticeDetail(id) });
const openPicker = () => void Taro.navigateTo({ url: ROUTES.regionPicker });
const openSearch = () => void Taro.navigateTo({ url: ROUTES.noticeSearch });

/** The way into search: looks like a search box, is a button (the search page has the real box). */
function SearchEntry() {
  return (
    <View className={styles.searchBar}>
      <Pressable className={styles.searchEntry} onPress={openSearch} label='搜索公开信息'>
        <Text className={styles.searchIcon} {...h5Attrs({ 'aria-hidden': 'true' })}>
          搜索
        </Text>
        <Text className={styles.searchHint}>输入关键词，如：低保、停水、医保</Text>
      </Pressable>
    </View>
  );
}

function ChooseHome() {
  return (
    <View className={styles.welcome}>
      <Text className={styles.welcomeTitle}>请先选择您居住的社区</Text>
      <Text className={styles.welcomeText}>选好后，这里会显示您所在社区，以及所属街道、区县发布的公开信息。</Text>
      <Pressable className={styles.primary} onPress={openPicker}>
        选择社区
      </Pressable>
    </View>
  );
}

function HomeHeader({ home }: { home: RegionRefDto }) {
  return (
    <Pressable className={styles.header} onPress={openPicker} label={`当前社区：${home.name}，点按更换`}>
      <View className={styles.headerTexts}>
        <Text className={styles.headerCaption}>我的社区</Text>
        <Text className={styles.headerName}>{home.name}</Text>
        <Text className={styles.headerPath}>{home.fullName}</Text>
      </View>
      <View className={styles.change}>更换</View>
    </Pressable>
  );
}

function DomainChips({ value, onChange }: { value: Domain | null; onChange: (d: Domain | null) => void }) {
  const chips: Array<{ code: Domain | null; name: string }> = [{ code: null, name: '全部' }, ...DOMAINS];
  return (
    <ScrollView scrollX className={styles.chipsBar} {...h5Attrs({ role: 'group', 'aria-label': '按领域筛选' })}>
      <View className={styles.chips}>
        {chips.map((c) => {
          const on = c.code === value;
          return (
            <Pressable key={c.code ?? 'all'} className={cx(styles.chip, on && styles.chipOn)} pressed={on} onPress={() => onChange(c.code)}>
              {on ? `✓ ${c.name}` : c.name}
            </Pressable>
          );
        })}
      </View>
    </ScrollView>
  );
}

function Feed({ home }: { home: RegionRefDto }) {
  const [domain, setDomain] = useState<Domain | null>(null);
  const fetchPage = useCallback(
    (cursor: string | null) => listNotices({ regionId: home.id, domain: domain ?? undefined, cursor, limit: 20 }),
    [home.id, domain],
  );
  const list = useCursorList(fetchPage, `${home.id}|${domain ?? ''}`, true);

  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  const urgent = leadingUrgentCount(list.items);
  const domainName = DOMAINS.find((d) => d.code === domain)?.name;

  let body;
  if (list.loading && !list.loaded) {
    body = <SkeletonList text='正在加载公开信息…' />;
  } else if (list.error && list.items.length === 0) {
    body = <ErrorState message={list.error} onRetry={() => void list.reload()} />;
  } else if (list.loaded && list.items.length === 0) {
    body = (
      <EmptyState
        title='暂无公开信息'
        text={domainName ? `“${domainName}”领域暂时没有公开信息，可以选择“全部”查看。` : '本社区和所属街道、区县暂时没有发布公开信息。'}
      />
    );
  } else {
    body = (
      <>
        {urgent > 0 ? (
          <View className={styles.bannerWrap}>
            <Pressable className={styles.banner} onPress={() => openNotice(list.items[0].id)}>
              <Text className={styles.bannerTitle}>【紧急】有 {urgent} 条紧急通知</Text>
              <Text className={styles.bannerText}>{list.items[0].title}</Text>
            </Pressable>
          </View>
        ) : null}
        <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '公开信息列表' })}>
          {list.items.map((n) => (
            <View key={n.id} {...h5Attrs({ role: 'listitem' })}>
              <NoticeCard notice={n} onOpen={openNotice} />
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
      </>
    );
  }

  return (
    <View>
      <HomeHeader home={home} />
      <SearchEntry />
      <DomainChips value={domain} onChange={setDomain} />
      {body}
    </View>
  );
}

export default function HomePage() {
  const home = useSession((s) => s.user?.homeRegion ?? null);
  const status = useSession((s) => s.status);
  useInboxBadge();

  // While the feed isn't mounted (not logged in yet / no home), pull-down retries the login.
  usePullDownRefresh(() => {
    if (status === 'ready' && home) return;
    void startSession().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageRoot title='阳光公开栏'>
      <SessionGate>{home ? <Feed key={home.id} home={home} /> : <ChooseHome />}</SessionGate>
    </PageRoot>
  );
}
