import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { noticeIdFromScene, type NoticeDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { NoticeArticle } from '../../../components/NoticeArticle';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { RatingBar } from '../../../components/RatingBar';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { ROUTES } from '../../../lib/routes';
import { noticeIdFromParams, noticeSharePath, noticeShareUrl } from '../../../lib/share';
import { hasStaffRole } from '../../../lib/staff';
import { getNotice, noticePosterUrl, noticeQrcodeUrl } from '../../../services/notices';
import { downloadWithAuth } from '../../../services/uploads';
import { useSession } from '../../../stores/session';
import styles from './index.module.scss';
import { SubscribeThisKind } from './SubscribeThisKind';

function back() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: ROUTES.home });
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** 分享: weapp shares to a chat (the page's share menu and this button); h5 copies the link. */
function ShareBar({ notice }: { notice: NoticeDetailDto }) {
  const [qrShown, setQrShown] = useState(false);
  const [qrFailed, setQrFailed] = useState(false);
  const copyLink = () => {
    const url = noticeShareUrl(window.location.origin, notice.id);
    void Taro.setClipboardData({ data: url })
      .then(() => toast('链接已复制，可以粘贴发给亲友'))
      .catch(() => toast('复制失败，请长按地址栏复制'));
  };
  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': '分享与扫码' })}>
      <Text className={styles.cardTitle}>分享与扫码</Text>
      <View className={styles.actions}>
        {process.env.TARO_ENV === 'h5' ? (
          <Pressable className={styles.action} onPress={copyLink}>
            复制链接
          </Pressable>
        ) : (
          <Button className={`sb-pressable ${styles.action}`} openType='share'>
            分享给微信好友
          </Button>
        )}
        <Pressable className={styles.action} pressed={qrShown} onPress={() => setQrShown((v) => !v)}>
          {qrShown ? '收起二维码' : '扫码查看'}
        </Pressable>
      </View>
      {qrShown ? (
        <View className={styles.qr}>
          {qrFailed ? (
            <Text className={styles.note}>二维码暂时无法显示，请稍后再试</Text>
          ) : process.env.TARO_ENV === 'h5' ? (
            <img className={styles.qrImage} src={noticeQrcodeUrl(notice.id)} alt={`“${notice.title}”的小程序码`} onError={() => setQrFailed(true)} />
          ) : (
            <Image className={styles.qrImage} src={noticeQrcodeUrl(notice.id)} showMenuByLongpress onError={() => setQrFailed(true)} />
          )}
          <Text className={styles.note}>用微信扫一扫，即可在手机上查看这条公开信息</Text>
        </View>
      ) : null}
    </View>
  );
}

/** Staff print the A4 poster (title, key elements, the code) for the physical notice board. */
function PosterLink({ notice }: { notice: NoticeDetailDto }) {
  const url = noticePosterUrl(notice.id);
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className={styles.posterLink} href={url} target='_blank' rel='noopener noreferrer'>
        下载打印海报（A4 PDF，贴到公开栏）
      </a>
    );
  }
  const open = async () => {
    Taro.showLoading({ title: '正在生成海报…' });
    try {
      const local = await downloadWithAuth(url);
      await Taro.openDocument({ filePath: local, fileType: 'pdf', showMenu: true });
    } catch (err) {
      toast(describeError(err));
    } finally {
      Taro.hideLoading();
    }
  };
  return (
    <Pressable className={styles.posterLink} onPress={() => void open()}>
      下载打印海报（A4 PDF，贴到公开栏）
    </Pressable>
  );
}

function Detail({ id, onLoaded }: { id: number | null; onLoaded: (n: NoticeDetailDto) => void }) {
  const isStaff = useSession((s) => hasStaffRole(s.user));
  const [notice, setNotice] = useState<NoticeDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!id) return;
    setError(null);
    setNotice(null);
    try {
      const n = await getNotice(id);
      setNotice(n);
      onLoaded(n);
    } catch (err) {
      setError(describeError(err));
    }
  }, [id, onLoaded]);

  useEffect(() => {
    if (id) void load();
    else setError('找不到这条公开信息');
  }, [id, load]);

  useEffect(() => {
    if (notice) void Taro.setNavigationBarTitle({ title: notice.title.length > 16 ? `${notice.title.slice(0, 15)}…` : notice.title }).catch(() => undefined);
  }, [notice]);

  if (error) return <ErrorState message={error} onRetry={id ? () => void load() : undefined} />;
  if (!notice) return <LoadingState text='正在加载公开信息…' />;

  return (
    <NoticeArticle notice={notice} onShowVersions={() => void Taro.navigateTo({ url: ROUTES.noticeVersions(notice.id) })}>
      {notice.status === 'published' ? <SubscribeThisKind notice={notice} /> : null}
      {notice.status === 'published' ? <RatingBar targetType='notice' targetId={notice.id} kindLabel={notice.kind === 'service_guide' ? '办事指南' : undefined} /> : null}
      <ShareBar notice={notice} />
      {isStaff && notice.status === 'published' ? <PosterLink notice={notice} /> : null}
      <Pressable className={styles.back} onPress={back}>
        返回列表
      </Pressable>
    </NoticeArticle>
  );
}

export default function NoticeDetailPage() {
  const router = useRouter();
  const id = noticeIdFromParams(router.params, noticeIdFromScene);
  const shared = useRef<{ title: string; id: number } | null>(null);
  const onLoaded = useCallback((n: NoticeDetailDto) => {
    shared.current = { title: n.title, id: n.id };
  }, []);
  useShareAppMessage(() => {
    const n = shared.current;
    return n ? { title: n.title, path: noticeSharePath(n.id) } : { title: '阳光公开栏', path: ROUTES.home };
  });
  return (
    <PageRoot title='公开详情'>
      <SessionGate>
        <Detail id={id} onLoaded={onLoaded} />
      </SessionGate>
    </PageRoot>
  );
}
