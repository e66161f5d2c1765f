import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AttachmentDto } from '@sunboard/shared';
import { useEffect, useState } from 'react';
import { describeError } from '../../lib/api-error';
import { absoluteUrl, documentLabel, formatFileSize } from '../../lib/files';
import { apiBase } from '../../services/http';
import { downloadWithAuth } from '../../services/uploads';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** A photo: the public URL, or (staff viewing an unpublished notice) a copy fetched with the token. */
export function AttachmentThumb({ attachment, authed, alt }: { attachment: AttachmentDto; authed: boolean; alt: string }) {
  const path = attachment.thumbUrl ?? attachment.displayUrl ?? attachment.url;
  const [src, setSrc] = useState<string | null>(authed ? null : absoluteUrl(apiBase, path));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!authed) return;
    let alive = true;
    downloadWithAuth(path)
      .then((local) => alive && setSrc(local))
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [authed, path]);
  if (failed) return <Text className={styles.thumbMissing}>图片无法加载</Text>;
  if (!src) return <Text className={styles.thumbMissing}>正在加载…</Text>;
  if (process.env.TARO_ENV === 'h5') return <img className={styles.thumbImg} src={src} alt={alt} loading='lazy' />;
  return <Image className={styles.thumbImg} src={src} mode='aspectFill' lazyLoad />;
}

async function previewImages(images: AttachmentDto[], index: number, authed: boolean): Promise<void> {
  const paths = images.map((a) => a.displayUrl ?? a.url);
  const urls = authed ? await Promise.all(paths.map((p) => downloadWithAuth(p))) : paths.map((p) => absoluteUrl(apiBase, p));
  await Taro.previewImage({ urls, current: urls[index] });
}

async function openDocument(a: AttachmentDto, authed: boolean): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const url = authed ? await downloadWithAuth(a.url) : absoluteUrl(apiBase, a.url);
    window.open(url, '_blank', 'noopener');
    return;
  }
  Taro.showLoading({ title: '正在打开…' });
  try {
    const local = await downloadWithAuth(a.url);
    await Taro.openDocument({ filePath: local, fileType: a.kind === 'xlsx' ? 'xlsx' : 'pdf', showMenu: true });
  } finally {
    Taro.hideLoading();
  }
}

/**
 * 附件: photos as thumbnails (tap → full-screen preview of the display copies), PDF and xlsx as
 * links with their name, kind and size. `authed` for staff views of notices not yet published.
 */
export function AttachmentList({ attachments, authed = false }: { attachments: AttachmentDto[]; authed?: boolean }) {
  const images = attachments.filter((a) => a.kind === 'image');
  const documents = attachments.filter((a) => a.kind !== 'image');
  if (!attachments.length) return null;
  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': '附件' })}>
      <Text className={styles.heading}>附件（{attachments.length}）</Text>
      {images.length ? (
        <View className={styles.thumbs} {...h5Attrs({ role: 'list', 'aria-label': '图片' })}>
          {images.map((a, i) => {
            const label = `查看图片${images.length > 1 ? `（第 ${i + 1} 张，共 ${images.length} 张）` : ''}：${a.name}`;
            return (
              <View key={a.id} className={styles.thumbItem} {...h5Attrs({ role: 'listitem' })}>
                <Pressable className={styles.thumb} label={label} onPress={() => void previewImages(images, i, authed).catch((err) => toast(describeError(err)))}>
                  <AttachmentThumb attachment={a} authed={authed} alt={a.name} />
                </Pressable>
              </View>
            );
          })}
        </View>
      ) : null}
      {documents.map((a) => {
        const text = (
          <>
            <Text className={styles.docName}>{a.name}</Text>
            <Text className={styles.docMeta}>
              {documentLabel(a.kind)} · {formatFileSize(a.size)} · {a.kind === 'xlsx' ? '下载' : '打开'}
            </Text>
          </>
        );
        if (process.env.TARO_ENV === 'h5' && !authed) {
          return (
            <a key={a.id} className={styles.doc} href={absoluteUrl(apiBase, a.url)} target='_blank' rel='noopener noreferrer' download={a.kind === 'xlsx' ? a.name : undefined}>
              {text}
            </a>
          );
        }
        return (
          <Pressable key={a.id} className={styles.doc} onPress={() => void openDocument(a, authed).catch((err) => toast(describeError(err)))}>
            {text}
          </Pressable>
        );
      })}
    </View>
  );
}
