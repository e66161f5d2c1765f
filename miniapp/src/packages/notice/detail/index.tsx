import { RichText, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { NOTICE_KIND_LABELS, type NoticeDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { ElementsPanel } from '../../../components/ElementsPanel';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { constrainRichTextImages, formatDateTime, noticeBadges } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { getNotice } from '../../../services/notices';
import styles from './index.module.scss';

function back() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: ROUTES.home });
}

/** The notice body: sanitised HTML from the server, the only place HTML is rendered. */
function NoticeBody({ html }: { html: string }) {
  const weappHtml = useMemo(() => (process.env.TARO_ENV === 'h5' ? html : constrainRichTextImages(html)), [html]);
  if (process.env.TARO_ENV === 'h5') {
    return <View className={styles.body} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return <RichText className={styles.body} nodes={weappHtml} userSelect />;
}

function Detail({ id }: { id: number }) {
  const [notice, setNotice] = useState<NoticeDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await getNotice(id));
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load();
    else setError('找不到这条公开信息');
  }, [id, load]);

  useEffect(() => {
    if (notice) void Taro.setNavigationBarTitle({ title: notice.title.length > 16 ? `${notice.title.slice(0, 15)}…` : notice.title }).catch(() => undefined);
  }, [notice]);

  if (error) return <ErrorState message={error} onRetry={Number.isInteger(id) && id > 0 ? () => void load() : undefined} />;
  if (!notice) return <LoadingState text='正在加载公开信息…' />;

  const published = formatDateTime(notice.publishedAt);
  return (
    <View className={styles.article} {...h5Attrs({ role: 'article' })}>
      <View className={styles.head}>
        <View className={styles.tags}>
          {noticeBadges(notice).map((b) => (
            <Text key={b} className={b === '紧急' ? styles.urgent : styles.pinned}>
              【{b}】
            </Text>
          ))}
          <Text className={styles.kind}>{NOTICE_KIND_LABELS[notice.kind] ?? '公开信息'}</Text>
        </View>
        <Text className={styles.title} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          {notice.title}
        </Text>
        <View className={styles.meta}>
          <Text>发布：{notice.publisher}</Text>
          {published ? <Text>时间：{published}</Text> : null}
          <Text>区域：{notice.region.fullName || notice.region.name}</Text>
        </View>
      </View>
      <ElementsPanel notice={notice} />
      <View className={styles.bodyCard}>
        <Text className={styles.bodyHeading}>公开内容</Text>
        <NoticeBody html={notice.body} />
      </View>
      <Pressable className={styles.back} onPress={back}>
        返回列表
      </Pressable>
    </View>
  );
}

export default function NoticeDetailPage() {
  const router = useRouter();
  const id = Number(router.params.id);
  return (
    <PageRoot title='公开详情'>
      <SessionGate>
        <Detail id={id} />
      </SessionGate>
    </PageRoot>
  );
}
