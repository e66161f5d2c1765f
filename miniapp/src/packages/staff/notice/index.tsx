import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { StaffNoticeDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { CheckField } from '../../../components/form/CheckField';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { NoticeArticle } from '../../../components/NoticeArticle';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { StatusBadges } from '../../../components/StatusBadges';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError, isApiError } from '../../../lib/api-error';
import { personalDataFindings, type PersonalDataFinding } from '../../../lib/compose-form';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { approveNotice, getStaffNotice, maskAndSubmit, rejectNotice, submitNotice, withdrawNotice } from '../../../services/staff-notices';
import { PersonalDataAlert } from '../shared/PersonalDataAlert';
import { StaffGate } from '../shared/StaffGate';
import styles from '../shared/staff.module.scss';

const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon, duration: 2500 });

/** Status, who wrote and reviewed it, and any reason it was sent back or taken down. */
function WorkflowCard({ notice }: { notice: StaffNoticeDetailDto }) {
  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '审核状态' })}>
      <View className={styles.cardMeta}>
        <Text>状态：</Text>
        <StatusBadges notice={{ ...notice, hasPendingRevision: !!notice.pendingRevision }} />
      </View>
      <View className={styles.cardMeta}>
        {notice.author ? <Text>提交人：{notice.author.displayName}</Text> : null}
        {notice.reviewer ? <Text>审核人：{notice.reviewer.displayName}</Text> : null}
        <Text>创建于 {formatDateTime(notice.createdAt)}</Text>
      </View>
      {notice.status === 'draft' && notice.rejectionReason ? <Text className={styles.reason}>退回理由：{notice.rejectionReason}</Text> : null}
      {notice.withdrawalReason ? <Text className={styles.reason}>撤回理由：{notice.withdrawalReason}</Text> : null}
      {notice.pendingRevision ? (
        <Text className={styles.reason}>
          更正待审核：{notice.pendingRevision.author?.displayName ?? '网格员'}于 {formatDateTime(notice.pendingRevision.submittedAt)} 提交，修改了 {Object.keys(notice.pendingRevision.changes).length} 项内容。
        </Text>
      ) : null}
      {notice.tableHiddenFromResidents && (notice.status === 'published' || notice.status === 'expired') ? (
        <Text className={styles.muted}>公示期已结束，公示名单已不再向居民显示。</Text>
      ) : null}
    </View>
  );
}

/** 审核: the confidentiality check (required) and approve, or a reason and reject. */
function ReviewPanel({ notice, onDone }: { notice: StaffNoticeDetailDto; onDone: (n: StaffNoticeDetailDto, message: string) => void }) {
  const [checked, setChecked] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canApprove = notice.actions.includes('approve');
  const canReject = notice.actions.includes('reject');
  if (!canApprove && !canReject) return null;

  const approve = async () => {
    if (!checked) {
      setCheckError('请先完成保密审查，并勾选“已完成保密审查”');
      return;
    }
    setBusy(true);
    try {
      onDone(await approveNotice(notice.id, { confidentialityChecked: true }), '已同意发布');
    } catch (err) {
      toast(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const reject = async () => {
    if (!reason.trim()) {
      setReasonError('请写明退回理由，提交人会看到');
      return;
    }
    setBusy(true);
    try {
      onDone(await rejectNotice(notice.id, reason.trim()), '已退回，提交人会看到退回理由');
    } catch (err) {
      setReasonError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '审核' })}>
      <Text className={styles.sectionTitle}>审核{notice.pendingRevision ? '更正' : ''}</Text>
      {canApprove ? (
        <>
          <CheckField
            id='confidentiality'
            label='已完成保密审查'
            description='已核对：不涉及国家秘密和工作秘密，身份证号、电话等个人信息已脱敏'
            checked={checked}
            onChange={(v) => {
              setChecked(v);
              if (v) setCheckError(null);
            }}
          />
          {checkError ? (
            <Text className={styles.reason} {...h5Attrs({ role: 'alert' })}>
              {checkError}
            </Text>
          ) : null}
          <Pressable className={styles.primary} disabled={busy} onPress={() => void approve()}>
            {busy ? '正在提交…' : '同意发布'}
          </Pressable>
        </>
      ) : null}
      {canReject ? (
        <>
          <TextAreaField
            id='reject-reason'
            label='退回理由'
            hint='不同意发布时填写，提交人会看到'
            value={reason}
            onChange={(v) => {
              setReason(v);
              if (reasonError) setReasonError(null);
            }}
            maxLength={500}
            error={reasonError}
            short
          />
          <Pressable className={styles.danger} disabled={busy} onPress={() => void reject()}>
            退回修改
          </Pressable>
        </>
      ) : null}
    </View>
  );
}

function WithdrawPanel({ notice, onDone }: { notice: StaffNoticeDetailDto; onDone: (n: StaffNoticeDetailDto, message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!notice.actions.includes('withdraw')) return null;
  if (!open) {
    return (
      <Pressable className={styles.danger} onPress={() => setOpen(true)}>
        撤回这条公开信息
      </Pressable>
    );
  }
  const withdraw = async () => {
    if (!reason.trim()) {
      setError('请写明撤回理由');
      return;
    }
    setBusy(true);
    try {
      onDone(await withdrawNotice(notice.id, reason.trim()), '已撤回');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.section}>
      <TextAreaField id='withdraw-reason' label='撤回理由' required value={reason} onChange={setReason} maxLength={500} error={error} short />
      <View className={styles.row}>
        <Pressable className={styles.secondary} onPress={() => setOpen(false)}>
          取消
        </Pressable>
        <Pressable className={styles.danger} disabled={busy} onPress={() => void withdraw()}>
          确认撤回
        </Pressable>
      </View>
    </View>
  );
}

function AuthorPanel({ notice, onDone }: { notice: StaffNoticeDetailDto; onDone: (n: StaffNoticeDetailDto, message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [findings, setFindings] = useState<PersonalDataFinding[]>([]);
  const canEdit = notice.actions.includes('edit') || notice.actions.includes('correct');
  const canSubmit = notice.actions.includes('submit');
  if (!canEdit && !canSubmit) return null;

  const submit = async () => {
    setBusy(true);
    try {
      onDone(await submitNotice(notice.id), '已提交审核');
      setFindings([]);
    } catch (err) {
      if (isApiError(err) && err.code === 'PERSONAL_DATA_FOUND') setFindings(personalDataFindings(err.details));
      else toast(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const fix = async () => {
    setBusy(true);
    try {
      const r = await maskAndSubmit(notice);
      setFindings([]);
      onDone(r.notice, `已打码 ${r.masked} 处并提交审核`);
    } catch (err) {
      if (isApiError(err) && err.code === 'PERSONAL_DATA_FOUND') setFindings(personalDataFindings(err.details));
      else toast(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.section}>
      {findings.length ? <PersonalDataAlert findings={findings} onMask={() => void fix()} busy={busy} actionText='一键打码并提交' /> : null}
      <View className={styles.row}>
        {canEdit ? (
          <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.staffCompose(notice.id) })}>
            {notice.status === 'published' ? '更正' : '修改'}
          </Pressable>
        ) : null}
        {canSubmit ? (
          <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
            {busy ? '正在提交…' : '提交审核'}
          </Pressable>
        ) : null}
      </View>
    </View>
  );
}

function StaffNotice({ id }: { id: number }) {
  const [notice, setNotice] = useState<StaffNoticeDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const loaded = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setNotice(await getStaffNotice(id));
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  // Back from the editor: show what changed.
  useDidShow(() => {
    if (loaded.current) void load();
    loaded.current = true;
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const onDone = (n: StaffNoticeDetailDto, message: string) => {
    setNotice(n);
    setDone(message);
    toast(message, 'success');
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  if (error && !notice) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!notice) return <LoadingState text='正在加载…' />;
  const published = notice.status === 'published';
  return (
    <NoticeArticle
      notice={notice}
      authed
      onShowVersions={() => void Taro.navigateTo({ url: ROUTES.noticeVersions(notice.id) })}
      lead={
        <>
          {done ? (
            <Text className={styles.ok} {...h5Attrs({ role: 'status' })}>
              {done}
            </Text>
          ) : null}
          <WorkflowCard notice={notice} />
        </>
      }
    >
      <AuthorPanel notice={notice} onDone={onDone} />
      <ReviewPanel key={`${notice.status}-${notice.version}`} notice={notice} onDone={onDone} />
      {published ? (
        <View className={styles.row}>
          <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.staffReach(notice.id) })}>
            查看知晓率
          </Pressable>
          <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(notice.id) })}>
            居民看到的页面
          </Pressable>
        </View>
      ) : null}
      <WithdrawPanel notice={notice} onDone={onDone} />
      <View className={styles.footer} />
    </NoticeArticle>
  );
}

export default function StaffNoticePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot title='公开信息审核'>
      <SessionGate>
        <StaffGate>{Number.isSafeInteger(id) && id > 0 ? <StaffNotice id={id} /> : <ErrorState message='找不到这条公开信息' />}</StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
