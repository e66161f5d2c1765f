import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { claimInviteSchema, ROLE_LABELS, type UserDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { TextField } from '../../../components/TextField';
import { describeError } from '../../../lib/api-error';
import { claimStaffInvite } from '../../../services/staff';
import styles from './index.module.scss';

function ClaimForm() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [claimed, setClaimed] = useState<UserDto | null>(null);

  const submit = async () => {
    if (busy) return;
    // Same rules as the server (shared schema), so most mistakes are caught without a round trip.
    if (!code.trim()) {
      setError('请输入邀请码');
      return;
    }
    const parsed = claimInviteSchema.safeParse({ code });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请输入邀请码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setClaimed(await claimStaffInvite(parsed.data.code));
      void Taro.showToast({ title: '认证成功', icon: 'success' });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (claimed) {
    return (
      <View className={styles.form} {...h5Attrs({ role: 'status' })}>
        <Text className={styles.done}>认证成功</Text>
        {claimed.staffRoles.map((r) => (
          <Text key={r.id} className={styles.role}>
            {ROLE_LABELS[r.role] ?? r.role} · {r.region ? r.region.fullName : '全部区域'}
          </Text>
        ))}
        <Pressable className={styles.submit} onPress={() => void Taro.navigateBack()}>
          返回
        </Pressable>
      </View>
    );
  }

  return (
    <View className={styles.form}>
      <Text className={styles.title}>工作人员认证</Text>
      <Text className={styles.text}>请输入街道或社区管理员发给您的邀请码。认证后，可以发布和审核本辖区的公开信息。</Text>
      <TextField
        id='invite-code'
        label='邀请码'
        value={code}
        onChange={(v) => {
          setCode(v);
          if (error) setError(null);
        }}
        onSubmit={() => void submit()}
        placeholder='例如：ABCD-1234'
        maxLength={32}
        error={error}
      />
      <Pressable className={styles.submit} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在认证…' : '确认认证'}
      </Pressable>
    </View>
  );
}

export default function StaffClaimPage() {
  return (
    <PageRoot title='工作人员认证'>
      <SessionGate>
        <ClaimForm />
      </SessionGate>
    </PageRoot>
  );
}
