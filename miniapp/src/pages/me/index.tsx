import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS } from '@sunboard/shared';
import { useState } from 'react';
import { PageRoot } from '../../components/PageRoot';
import { Pressable } from '../../components/Pressable';
import { SessionGate } from '../../components/SessionGate';
import { Toggle } from '../../components/Toggle';
import { useInboxBadge } from '../../hooks/useInboxBadge';
import { describeError } from '../../lib/api-error';
import { ROUTES } from '../../lib/routes';
import { relogin } from '../../services/auth';
import { updateMe } from '../../services/users';
import { useSession } from '../../stores/session';
import styles from './index.module.scss';

function toast(title: string, icon: 'none' | 'success' = 'none') {
  void Taro.showToast({ title, icon, duration: 2500 });
}

function Profile() {
  const user = useSession((s) => s.user);
  const setUser = useSession((s) => s.setUser);
  const [savingElder, setSavingElder] = useState(false);
  const [relogging, setRelogging] = useState(false);
  if (!user) return null;

  const toggleElder = async (next: boolean) => {
    const before = user;
    setSavingElder(true);
    // Applies at once everywhere (PageRoot reads the store); the server keeps it for next time.
    setUser({ ...user, elderMode: next });
    try {
      await updateMe({ elderMode: next });
      toast(next ? '已开启大字模式' : '已关闭大字模式');
    } catch (err) {
      setUser(before);
      toast(describeError(err));
    } finally {
      setSavingElder(false);
    }
  };

  const doRelogin = async () => {
    setRelogging(true);
    try {
      await relogin();
      toast('已重新登录', 'success');
    } catch (err) {
      toast(describeError(err));
    } finally {
      setRelogging(false);
    }
  };

  return (
    <View>
      <View className={styles.section}>
        <Text className={styles.sectionTitle}>我的信息</Text>
        <Text className={styles.name}>{user.displayName}</Text>
        <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.regionPicker })}>
          <View className={styles.rowTexts}>
            <Text className={styles.rowLabel}>居住社区</Text>
            <Text className={styles.rowValue}>{user.homeRegion ? user.homeRegion.fullName : '尚未选择'}</Text>
          </View>
          <Text className={styles.rowAction}>{user.homeRegion ? '更换' : '去选择'}</Text>
        </Pressable>
      </View>

      <View className={styles.section}>
        <Text className={styles.sectionTitle}>办事进度</Text>
        <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.myCases })}>
          <View className={styles.rowTexts}>
            <Text className={styles.rowLabel}>我的办件</Text>
            <Text className={styles.rowValue}>低保、补贴等申请办到哪一步，凭受理回执认领</Text>
          </View>
          <Text className={styles.rowAction}>进入 ›</Text>
        </Pressable>
      </View>

      <View className={styles.section}>
        <Text className={styles.sectionTitle}>参与决策</Text>
        <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.consultations })}>
          <View className={styles.rowTexts}>
            <Text className={styles.rowLabel}>征求意见</Text>
            <Text className={styles.rowValue}>对社区、村里的草案逐条提意见</Text>
          </View>
          <Text className={styles.rowAction}>进入 ›</Text>
        </Pressable>
        <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.myComments })}>
          <View className={styles.rowTexts}>
            <Text className={styles.rowLabel}>我的意见</Text>
            <Text className={styles.rowValue}>我提的意见和每条意见的答复</Text>
          </View>
          <Text className={styles.rowAction}>进入 ›</Text>
        </Pressable>
      </View>

      <View className={styles.section}>
        <Text className={styles.sectionTitle}>好差评</Text>
        <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.myRatings() })}>
          <View className={styles.rowTexts}>
            <Text className={styles.rowLabel}>我的评价</Text>
            <Text className={styles.rowValue}>我给出的评价，不满意评价的核实答复和回访</Text>
          </View>
          <Text className={styles.rowAction}>进入 ›</Text>
        </Pressable>
      </View>

      <View className={styles.section}>
        <Text className={styles.sectionTitle}>消息与提醒</Text>
        <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.subscriptionSettings })}>
          <View className={styles.rowTexts}>
            <Text className={styles.rowLabel}>订阅设置</Text>
            <Text className={styles.rowValue}>选择想收到的公开信息，订阅微信提醒</Text>
          </View>
          <Text className={styles.rowAction}>进入 ›</Text>
        </Pressable>
      </View>

      <View className={styles.section}>
        <Text className={styles.sectionTitle}>阅读设置</Text>
        <Toggle
          label='大字模式'
          description='放大文字和按钮，看得更清楚'
          checked={user.elderMode}
          disabled={savingElder}
          onChange={(next) => void toggleElder(next)}
        />
      </View>

      <View className={styles.section}>
        <Text className={styles.sectionTitle}>工作人员</Text>
        {user.staffRoles.length > 0 ? (
          <>
            <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.staffWorkbench })}>
              <View className={styles.rowTexts}>
                <Text className={styles.rowLabel}>工作台</Text>
                <Text className={styles.rowValue}>发布公开信息、我的草稿、审核、知晓率</Text>
              </View>
              <Text className={styles.rowAction}>进入 ›</Text>
            </Pressable>
            <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.staffCases })}>
              <View className={styles.rowTexts}>
                <Text className={styles.rowLabel}>办件管理</Text>
                <Text className={styles.rowValue}>登记办件、记录进度、通知补正、查看超期</Text>
              </View>
              <Text className={styles.rowAction}>进入 ›</Text>
            </Pressable>
            {user.staffRoles.some((r) => r.role === 'reviewer' || r.role === 'admin') ? (
              <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.consultationModeration })}>
                <View className={styles.rowTexts}>
                  <Text className={styles.rowLabel}>意见审核</Text>
                  <Text className={styles.rowValue}>征求意见的待审、被举报意见，隐藏和恢复</Text>
                </View>
                <Text className={styles.rowAction}>进入 ›</Text>
              </Pressable>
            ) : null}
            <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.staffFollowups })}>
              <View className={styles.rowTexts}>
                <Text className={styles.rowLabel}>差评跟进</Text>
                <Text className={styles.rowValue}>核实并答复居民的不满意评价，查看超期</Text>
              </View>
              <Text className={styles.rowAction}>进入 ›</Text>
            </Pressable>
            <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.dashboard })}>
              <View className={styles.rowTexts}>
                <Text className={styles.rowLabel}>数据看板</Text>
                <Text className={styles.rowValue}>满意率、差评办结、知晓率、送达率，导出 Excel 和年度报告</Text>
              </View>
              <Text className={styles.rowAction}>进入 ›</Text>
            </Pressable>
            {user.staffRoles.map((r) => (
              <View key={r.id} className={styles.role}>
                <Text className={styles.roleName}>角色：{ROLE_LABELS[r.role] ?? r.role}</Text>
                <Text className={styles.roleRegion}>区域：{r.region ? r.region.fullName : '全部区域'}</Text>
              </View>
            ))}
          </>
        ) : (
          <Pressable className={styles.row} onPress={() => void Taro.navigateTo({ url: ROUTES.staffClaim })}>
            <View className={styles.rowTexts}>
              <Text className={styles.rowLabel}>工作人员认证</Text>
              <Text className={styles.rowValue}>网格员、审核人凭邀请码认证</Text>
            </View>
            <Text className={styles.rowAction}>去认证</Text>
          </Pressable>
        )}
      </View>

      <View className={styles.bottom}>
        <Pressable className={styles.secondary} disabled={relogging} onPress={() => void doRelogin()}>
          {relogging ? '正在重新登录…' : '重新登录'}
        </Pressable>
      </View>
    </View>
  );
}

export default function MePage() {
  useInboxBadge();
  return (
    <PageRoot title='我的'>
      <SessionGate>
        <Profile />
      </SessionGate>
    </PageRoot>
  );
}
