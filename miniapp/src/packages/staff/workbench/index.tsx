import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ROLE_LABELS } from '@sunboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { ROUTES } from '../../../lib/routes';
import { canReview } from '../../../lib/staff';
import { listStaffNotices } from '../../../services/staff-notices';
import { useSession } from '../../../stores/session';
import styles from '../shared/staff.module.scss';
import own from './index.module.scss';
import { StaffGate } from '../shared/StaffGate';

/** How many: `12` or `50+` (one page is enough to say there is work). */
const countText = (page: { items: unknown[]; nextCursor: string | null }) => `${page.items.length}${page.nextCursor ? '+' : ''}`;

function Tile({ title, text, badge, onPress, primary }: { title: string; text: string; badge?: string | null; onPress: () => void; primary?: boolean }) {
  return (
    <Pressable className={primary ? own.tilePrimary : own.tile} onPress={onPress}>
      <View className={own.tileHead}>
        <Text className={own.tileTitle}>{title}</Text>
        {badge ? <Text className={own.tileBadge}>{badge}</Text> : null}
      </View>
      <Text className={own.tileText}>{text}</Text>
    </Pressable>
  );
}

function Workbench() {
  const user = useSession((s) => s.user);
  const reviewer = canReview(user);
  const [counts, setCounts] = useState<{ drafts: string | null; queue: string | null }>({ drafts: null, queue: null });

  const load = useCallback(async () => {
    const [mine, queue] = await Promise.allSettled([
      listStaffNotices({ mine: true, status: 'draft', limit: 50 }),
      reviewer ? listStaffNotices({ status: 'pending_review', limit: 50 }) : Promise.reject(new Error('not a reviewer')),
    ]);
    setCounts({
      drafts: mine.status === 'fulfilled' ? countText(mine.value) : null,
      queue: queue.status === 'fulfilled' ? countText(queue.value) : null,
    });
  }, [reviewer]);

  useEffect(() => {
    void load();
  }, [load]);
  const seen = useRef(false);
  useDidShow(() => {
    if (seen.current) void load();
    seen.current = true;
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const go = (url: string) => void Taro.navigateTo({ url });
  if (!user) return null;
  return (
    <View className={styles.page}>
      <View className={styles.section}>
        <Text className={styles.sectionTitle} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          {user.displayName}的工作台
        </Text>
        {user.staffRoles.map((r) => (
          <Text key={r.id} className={styles.muted}>
            {ROLE_LABELS[r.role] ?? r.role} · {r.region ? r.region.fullName : '全部区域'}
          </Text>
        ))}
      </View>
      <View className={own.tiles} {...h5Attrs({ role: 'list', 'aria-label': '工作台功能' })}>
        <View {...h5Attrs({ role: 'listitem' })}>
          <Tile primary title='发布公开信息' text='填写公开要素，拍照、导入 Excel 名单，提交审核' onPress={() => go(ROUTES.staffCompose())} />
        </View>
        <View {...h5Attrs({ role: 'listitem' })}>
          <Tile title='我的草稿' badge={counts.drafts ? `草稿 ${counts.drafts} 条` : null} text='我写的公开信息、审核进度和退回理由' onPress={() => go(ROUTES.staffDrafts)} />
        </View>
        {reviewer ? (
          <View {...h5Attrs({ role: 'listitem' })}>
            <Tile title='审核' badge={counts.queue ? `待审核 ${counts.queue} 条` : null} text='辖区内提交的公开信息，保密审查后发布或退回' onPress={() => go(ROUTES.staffReview)} />
          </View>
        ) : null}
        <View {...h5Attrs({ role: 'listitem' })}>
          <Tile title='已发布与知晓率' text='辖区内已发布的公开信息，多少居民已经看过' onPress={() => go(ROUTES.staffPublished)} />
        </View>
      </View>
    </View>
  );
}

export default function StaffWorkbenchPage() {
  return (
    <PageRoot title='工作台'>
      <SessionGate>
        <StaffGate>
          <Workbench />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
