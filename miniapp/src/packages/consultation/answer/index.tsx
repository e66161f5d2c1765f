import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ADOPTION_LABELS, ADOPTIONS, type Adoption, type ConsultationDetailDto, type StaffCommentDto } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { commentText, statusBadge } from '../../../lib/consultation';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { answerComments, concludeConsultation, getConsultation, listStaffComments, replyComment } from '../../../services/consultations';
import { Badge } from '../shared/parts';
import styles from '../shared/consultation.module.scss';

/** One comment with its answer form: adopted / partly / not adopted and why; an official reply. */
function AnswerItem({ c, index, editable, onSaved }: { c: StaffCommentDto; index: number; editable: boolean; onSaved: (next: StaffCommentDto) => void }) {
  const [adoption, setAdoption] = useState<Adoption | null>(c.adoption);
  const [reason, setReason] = useState(c.adoptionReason ?? '');
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!adoption) {
      setError('请选择采纳情况');
      return;
    }
    if (!reason.trim()) {
      setError('请填写理由');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const [next] = await answerComments(c.consultationId, { answers: [{ commentId: c.id, adoption, reason: reason.trim() }] });
      onSaved(next);
      void Taro.showToast({ title: '答复已保存', icon: 'success' });
    } catch (err) {
      setError(fieldIssues(err)[0]?.reason ?? describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const sendReply = async () => {
    if (!reply.trim()) return;
    try {
      onSaved(await replyComment(c.id, reply.trim()));
      setReply('');
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <View className={styles.card} {...h5Attrs({ role: 'listitem', 'aria-label': `第 ${index + 1} 条意见` })}>
      <View className={styles.cardHead}>
        <Badge text={c.adoption ? `已答复：${ADOPTION_LABELS[c.adoption]}` : c.status === 'hidden' ? '已隐藏' : '未答复'} tone={c.adoption ? 'ok' : 'warn'} />
        {c.status === 'pending' ? <Badge text='待审核' tone='warn' /> : null}
      </View>
      <Text className={styles.muted}>
        第 {index + 1} 条 · {c.authorName}
        {c.proxy && c.proxyResidentName ? `（${c.proxyResidentName}）` : ''} · {c.paragraphHeading ?? '整体'} · {formatDateTime(c.createdAt)}
      </Text>
      <Text className={styles.text}>{c.status === 'hidden' ? `${commentText({ ...c, body: null })}：${c.body}` : c.body}</Text>
      {c.replies.map((r) => (
        <Text key={r.id} className={styles.reply}>
          官方回复：{r.body}
        </Text>
      ))}
      {editable ? (
        <>
          <View className={styles.actions} {...h5Attrs({ role: 'radiogroup', 'aria-label': `第 ${index + 1} 条意见的采纳情况` })}>
            {ADOPTIONS.map((a) => (
              <Pressable key={a} className={styles.small} pressed={adoption === a} onPress={() => setAdoption(a)}>
                {adoption === a ? `✓ ${ADOPTION_LABELS[a]}` : ADOPTION_LABELS[a]}
              </Pressable>
            ))}
          </View>
          <TextAreaField id={`reason-${c.id}`} label={`第 ${index + 1} 条的理由`} value={reason} onChange={setReason} required short error={error} maxLength={1000} />
          <Pressable className={styles.primary} disabled={busy} onPress={() => void save()}>
            {busy ? '正在保存…' : '保存答复'}
          </Pressable>
        </>
      ) : (
        <>
          {c.adoption ? <Text className={styles.answer}>{`${ADOPTION_LABELS[c.adoption]}：${c.adoptionReason ?? ''}`}</Text> : null}
          <TextAreaField id={`reply-${c.id}`} label={`第 ${index + 1} 条的官方回复`} value={reply} onChange={setReply} short error={error} maxLength={1000} />
          <Pressable className={styles.small} onPress={() => void sendReply()}>
            发布回复
          </Pressable>
        </>
      )}
    </View>
  );
}

function Answering({ id }: { id: number | null }) {
  const [detail, setDetail] = useState<ConsultationDetailDto | null>(null);
  const [comments, setComments] = useState<StaffCommentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [concludeError, setConcludeError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!id) return;
    setError(null);
    try {
      const [d, all] = [await getConsultation(id), [] as StaffCommentDto[]];
      let cursor: string | null = null;
      do {
        const page = await listStaffComments(id, { cursor, limit: 50 });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      setDetail(d);
      setComments(all);
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    if (id) void load();
    else setError('找不到这项征求意见');
  }, [id, load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });
  if (error && !detail) return <ErrorState message={error} onRetry={id ? () => void load() : undefined} />;
  if (!detail || !comments) return <LoadingState text='正在加载意见…' />;

  const editable = detail.status === 'closed';
  const unanswered = comments.filter((c) => c.status !== 'hidden' && !c.adoption).length;
  const badge = statusBadge(detail.status);
  const conclude = async () => {
    if (!summary.trim()) {
      setConcludeError('请填写草案修改情况说明');
      return;
    }
    setConcludeError(null);
    try {
      const next = await concludeConsultation(detail.id, { changeSummary: summary.trim() });
      setDetail(next);
      void Taro.showToast({ title: '采纳情况已公布', icon: 'success' });
    } catch (err) {
      setConcludeError(describeError(err));
    }
  };
  return (
    <View className={styles.page}>
      <View className={styles.section}>
        <Badge text={badge.text} tone={badge.tone} />
        <Text className={styles.heading}>{detail.title}</Text>
        <Text className={styles.text}>
          共 {comments.length} 条意见，{unanswered ? `还有 ${unanswered} 条未答复` : '每条意见都已答复'}。
        </Text>
        {detail.status === 'open' || detail.status === 'upcoming' ? <Text className={styles.muted}>征求意见截止后才能答复采纳情况，现在可以发布官方回复。</Text> : null}
      </View>
      <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '意见答复' })}>
        {comments.map((c, i) => (
          <AnswerItem key={c.id} c={c} index={i} editable={editable} onSaved={(next) => setComments((list) => (list ?? []).map((x) => (x.id === next.id ? next : x)))} />
        ))}
      </View>
      {editable ? (
        <View className={styles.section}>
          <Text className={styles.sectionTitle}>公布采纳情况</Text>
          <Text className={styles.muted}>公布后生成“征求意见结果”公告，并通知每一位提意见的居民。</Text>
          <TextAreaField id='change-summary' label='草案修改情况说明' value={summary} onChange={setSummary} required error={concludeError} maxLength={5000} />
          <Pressable className={styles.primary} disabled={unanswered > 0} onPress={() => void conclude()}>
            {unanswered > 0 ? `还有 ${unanswered} 条意见未答复` : '公布采纳情况'}
          </Pressable>
        </View>
      ) : null}
      {detail.status === 'concluded' && detail.resultNoticeId ? (
        <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(detail.resultNoticeId!) })}>
          查看采纳情况公告
        </Pressable>
      ) : null}
      <View className={styles.footer} />
    </View>
  );
}

export default function AnswerPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot title='答复意见'>
      <SessionGate>
        <Answering id={Number.isSafeInteger(id) && id > 0 ? id : null} />
      </SessionGate>
    </PageRoot>
  );
}
