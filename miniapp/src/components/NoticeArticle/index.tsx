import { RichText, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NoticeDetailDto, NoticeRefDto } from '@sunboard/shared';
import { useMemo, type ReactNode } from 'react';
import { useCatalog } from '../../hooks/useCatalog';
import { constrainRichTextImages, formatDateTime, noticeBadges } from '../../lib/format';
import { publicityState } from '../../lib/notice-elements';
import { ROUTES } from '../../lib/routes';
import { h5Attrs } from '../a11y';
import { AttachmentList } from '../AttachmentList';
import { ElementsPanel } from '../ElementsPanel';
import { GuideSections } from '../GuideSections';
import { NoticeTable } from '../NoticeTable';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

/** The notice body: sanitised HTML from the server, the only place HTML is rendered. */
export function NoticeBody({ html }: { html: string }) {
  const weappHtml = useMemo(() => (process.env.TARO_ENV === 'h5' ? html : constrainRichTextImages(html)), [html]);
  if (process.env.TARO_ENV === 'h5') {
    return <View className={styles.body} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return <RichText className={styles.body} nodes={weappHtml} userSelect />;
}

function NoticeLink({ caption, notice }: { caption: string; notice: NoticeRefDto }) {
  return (
    <Pressable className={styles.link} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(notice.id) })}>
      <Text className={styles.linkCaption}>{caption}</Text>
      <Text className={styles.linkTitle}>{notice.title} ›</Text>
    </Pressable>
  );
}

export interface NoticeArticleProps {
  notice: NoticeDetailDto;
  /** Staff view of a notice that may be unpublished: attachments are fetched with the token. */
  authed?: boolean;
  /** 【已更正】 links to the earlier versions (residents and staff alike). */
  onShowVersions?: () => void;
  /** Shown between the head and the elements (e.g. a review banner). */
  lead?: ReactNode;
  children?: ReactNode;
}

/**
 * A notice as a reader sees it: head (badges, title, publisher, time), 公开要素, the body, 办事指南,
 * the 公示 table, attachments and the 解读 links; `children` (share, QR code, staff actions) below.
 */
export function NoticeArticle({ notice, authed = false, onShowVersions, lead, children }: NoticeArticleProps) {
  const { labels } = useCatalog();
  const published = formatDateTime(notice.publishedAt);
  const publicity = publicityState(notice);
  return (
    <View className={styles.article} {...h5Attrs({ role: 'article' })}>
      <View className={styles.head}>
        <View className={styles.tags}>
          {noticeBadges(notice).map((b) => (
            <Text key={b} className={b === '紧急' ? styles.urgent : styles.pinned}>
              【{b}】
            </Text>
          ))}
          {notice.corrected ? <Text className={styles.corrected}>【已更正】</Text> : null}
          <Text className={styles.kind}>{labels.kinds(notice.kind)}</Text>
          {publicity ? <Text className={styles.publicity}>{publicity}</Text> : null}
        </View>
        <Text className={styles.title} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          {notice.title}
        </Text>
        <View className={styles.meta}>
          <Text>发布：{notice.publisher}</Text>
          {published ? <Text>时间：{published}</Text> : null}
          <Text>区域：{notice.region.fullName || notice.region.name}</Text>
          {notice.version > 1 ? <Text>版本：第 {notice.version} 版</Text> : null}
        </View>
        {notice.corrected && onShowVersions ? (
          <Pressable className={styles.versions} onPress={onShowVersions}>
            本信息发布后已更正，查看更正前的版本 ›
          </Pressable>
        ) : null}
      </View>
      {lead}
      <ElementsPanel notice={notice} />
      <View className={styles.bodyCard}>
        <Text className={styles.bodyHeading}>公开内容</Text>
        <NoticeBody html={notice.body} />
      </View>
      {/* The body introduces the guide (…一次性告知如下), so the guide follows it. */}
      {notice.guide ? <GuideSections guide={notice.guide} /> : null}
      {notice.table ? <NoticeTable table={notice.table} /> : null}
      <AttachmentList attachments={notice.attachments} authed={authed} />
      {notice.interpretation || notice.interprets.length ? (
        <View className={styles.links} {...h5Attrs({ role: 'region', 'aria-label': '政策解读' })}>
          {notice.interpretation ? <NoticeLink caption='政策解读' notice={notice.interpretation} /> : null}
          {notice.interprets.map((n) => (
            <NoticeLink key={n.id} caption='解读的政策' notice={n} />
          ))}
        </View>
      ) : null}
      {children}
    </View>
  );
}
