import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { NoticeVersionDto, NoticeVersionSummaryDto } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { ElementsPanel } from '../../../components/ElementsPanel';
import { GuideSections } from '../../../components/GuideSections';
import { NoticeBody } from '../../../components/NoticeArticle';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateView';
import { useCatalog } from '../../../hooks/useCatalog';
import { describeError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { getNoticeVersion, listNoticeVersions } from '../../../services/notices';
import styles from './index.module.scss';

/** The published versions of a corrected notice (更正记录), newest first. */
function VersionList({ id }: { id: number }) {
  const [items, setItems] = useState<NoticeVersionSummaryDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    setItems(null);
    try {
      setItems((await listNoticeVersions(id)).slice().reverse());
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!items) return <LoadingState text='正在加载版本记录…' />;
  if (!items.length) return <EmptyState title='暂无更正记录' text='这条公开信息发布后没有更正过。' />;
  return (
    <View className={styles.page}>
      <Text className={styles.intro}>这条公开信息发布后有过更正。每个版本都保留原样，可以点开查看。</Text>
      <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '版本记录' })}>
        {items.map((v) => (
          <View key={v.version} {...h5Attrs({ role: 'listitem' })}>
            <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeVersions(id, v.version) })}>
              <View className={styles.rowTexts}>
                <Text className={styles.rowTitle}>
                  第 {v.version} 版{v.current ? '【当前版本】' : '【已被更正】'}
                </Text>
                <Text className={styles.rowMeta}>发布于 {formatDateTime(v.publishedAt)}</Text>
              </View>
              <Text className={styles.rowAction}>查看 ›</Text>
            </Pressable>
          </View>
        ))}
      </View>
    </View>
  );
}

function VersionView({ id, version }: { id: number; version: number }) {
  const { labels } = useCatalog();
  const [v, setV] = useState<NoticeVersionDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    setV(null);
    try {
      setV(await getNoticeVersion(id, version));
    } catch (err) {
      setError(describeError(err));
    }
  }, [id, version]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!v) return <LoadingState text='正在加载该版本…' />;
  return (
    <View className={styles.page} {...h5Attrs({ role: 'article' })}>
      <View className={styles.head}>
        <Text className={v.current ? styles.current : styles.old}>{v.current ? `【当前版本】第 ${v.version} 版` : `【已被更正】第 ${v.version} 版，内容以最新版本为准`}</Text>
        <Text className={styles.kind}>{labels.kinds(v.kind)}</Text>
        <Text className={styles.title} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          {v.title}
        </Text>
        <Text className={styles.rowMeta}>发布于 {formatDateTime(v.publishedAt)}</Text>
      </View>
      <ElementsPanel notice={v} />
      <View className={styles.bodyCard}>
        <Text className={styles.bodyHeading}>公开内容</Text>
        <NoticeBody html={v.body} />
      </View>
      {v.guide ? <GuideSections guide={v.guide} /> : null}
      {!v.current ? (
        <Pressable className={styles.latest} onPress={() => void Taro.redirectTo({ url: ROUTES.noticeDetail(id) })}>
          查看最新版本
        </Pressable>
      ) : null}
    </View>
  );
}

export default function NoticeVersionsPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const version = Number(params.v);
  const valid = Number.isSafeInteger(id) && id > 0;
  return (
    <PageRoot title={params.v ? `第 ${params.v} 版` : '更正记录'}>
      <SessionGate>
        {!valid ? (
          <ErrorState message='找不到这条公开信息' />
        ) : Number.isSafeInteger(version) && version > 0 ? (
          <VersionView id={id} version={version} />
        ) : (
          <VersionList id={id} />
        )}
      </SessionGate>
    </PageRoot>
  );
}
