import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { CommentDto, ConsultationDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { AttachmentList } from '../../../components/AttachmentList';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { RatingBar } from '../../../components/RatingBar';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { charHint, countdownText, paragraphLabel, statusBadge, validateComment } from '../../../lib/consultation';
import { cx } from '../../../lib/cx';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { getConsultation, listComments, postComment, reportComment, setFollow, supportComment } from '../../../services/consultations';
import { useSession } from '../../../stores/session';
import { Badge, CommentItem } from '../shared/parts';
import { ProxyCommentForm } from './ProxyCommentForm';
import styles from '../shared/consultation.module.scss';

/** 0: the whole draft; otherwise a paragraph id. */
type Target = number;

function targetLabel(detail: ConsultationDetailDto, target: Target): string {
  if (!target) return '整体意见（针对全文）';
  const p = detail.paragraphs.find((x) => x.id === target);
  return p ? paragraphLabel(p) : '整体意见（针对全文）';
}

/** The comment form: the target in words, the box with its count, errors in words next to it. */
function CommentForm({ detail, target, onSent }: { detail: ConsultationDetailDto; target: Target; onSent: (message: string) => void }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!detail.canComment) {
    return (
      <View className={styles.section}>
        <Text className={styles.sectionTitle}>发表意见</Text>
        <Text className={styles.text}>{detail.cannotCommentReason}</Text>
      </View>
    );
  }
  const submit = async () => {
    const checked = validateComment(body, target || null);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await postComment(detail.id, checked.input);
      setBody('');
      onSent(res.message);
    } catch (err) {
      setError(fieldIssues(err)[0]?.reason ? `${describeError(err)}（${fieldIssues(err)[0].reason}）` : describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.section}>
      <Text className={styles.sectionTitle}>发表意见</Text>
      <Text className={styles.muted}>针对：{targetLabel(detail, target)}</Text>
      <TextAreaField id='comment-body' label='您的意见' value={body} onChange={setBody} required hint={charHint(body)} error={error} maxLength={1100} placeholder='请写下您的意见和建议（5–1000 字）' />
      <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在提交…' : '提交意见'}
      </Pressable>
      <Text className={styles.muted}>意见会显示为“{'姓*'}”的形式，不显示全名。{detail.preModeration ? '本次征求意见的意见经审核后公开。' : ''}</Text>
    </View>
  );
}

/** The comments on the chosen target, with 点赞 and 举报. */
function Comments({ detail, target, version }: { detail: ConsultationDetailDto; target: Target; version: number }) {
  const [items, setItems] = useState<CommentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await listComments(detail.id, { paragraphId: target, limit: 50 })).items);
    } catch (err) {
      setError(describeError(err));
    }
  }, [detail.id, target]);
  useEffect(() => {
    if (!detail.privateComments || detail.staff) void load();
  }, [load, version, detail.privateComments, detail.staff]);
  const act = async (fn: () => Promise<CommentDto>, done: string) => {
    try {
      const next = await fn();
      setItems((list) => (list ?? []).map((c) => (c.id === next.id ? next : c)));
      void Taro.showToast({ title: done, icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none' });
    }
  };
  if (detail.privateComments && !detail.staff) {
    return (
      <View className={styles.section}>
        <Text className={styles.sectionTitle}>已有意见</Text>
        <Text className={styles.text}>本次征求意见的意见不公开显示，您提交的意见可在“我的意见”中查看。</Text>
      </View>
    );
  }
  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': `${targetLabel(detail, target)}的意见` })}>
      <Text className={styles.sectionTitle}>{targetLabel(detail, target)}的意见</Text>
      {error ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {items === null && !error ? <Text className={styles.muted}>正在加载意见…</Text> : null}
      {items && !items.length ? <Text className={styles.muted}>还没有意见，欢迎第一个发表。</Text> : null}
      <View {...h5Attrs({ role: 'list' })}>
        {(items ?? []).map((c) => (
          <CommentItem
            key={c.id}
            c={c}
            actions={
              c.status === 'visible' && !c.mine ? (
                <View className={styles.actions}>
                  <Pressable className={styles.small} disabled={c.supportedByMe} pressed={c.supportedByMe} onPress={() => void act(() => supportComment(c.id), '已支持')}>
                    {c.supportedByMe ? `已支持（${c.supportCount}）` : `支持（${c.supportCount}）`}
                  </Pressable>
                  <Pressable className={styles.small} disabled={c.reportedByMe} onPress={() => void act(() => reportComment(c.id), '已举报，工作人员会处理')}>
                    {c.reportedByMe ? '已举报' : '举报'}
                  </Pressable>
                </View>
              ) : c.status === 'visible' ? (
                <Text className={styles.muted}>支持 {c.supportCount}（我的意见）</Text>
              ) : null
            }
          />
        ))}
      </View>
    </View>
  );
}

function ConsultationDetail({ id, initialTarget }: { id: number | null; initialTarget: Target }) {
  const [detail, setDetail] = useState<ConsultationDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<Target>(initialTarget);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  // Moderation is for reviewers and admins (the server checks too); grid workers answer only.
  const moderator = useSession((st) => st.user?.staffRoles.some((r) => r.role === 'reviewer' || r.role === 'admin') ?? false);

  const load = useCallback(async () => {
    if (!id) return;
    setError(null);
    try {
      setDetail(await getConsultation(id));
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    if (id) void load();
    else setError('找不到这项征求意见');
  }, [id, load]);
  usePullDownRefresh(() => {
    void load()
      .then(() => setVersion((v) => v + 1))
      .finally(() => Taro.stopPullDownRefresh());
  });

  if (error && !detail) return <ErrorState message={error} onRetry={id ? () => void load() : undefined} />;
  if (!detail) return <LoadingState text='正在加载征求意见…' />;

  const badge = statusBadge(detail.status);
  const countdown = countdownText(detail);
  const choose = (t: Target) => {
    setTarget(t);
    setNotice(null);
  };
  const toggleFollow = async () => {
    try {
      setDetail(await setFollow(detail.id, !detail.following));
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none' });
    }
  };

  return (
    <View className={styles.page}>
      <View className={styles.section}>
        <View className={styles.cardHead}>
          <Badge text={badge.text} tone={badge.tone} />
          <Badge text={detail.typeLabel} tone='muted' />
        </View>
        <Text className={styles.heading}>{detail.title}</Text>
        {countdown ? <Text className={styles.countdown}>{countdown}</Text> : null}
        <Text className={styles.muted}>
          {detail.regionName} · {formatDateTime(detail.opensAt)} 至 {formatDateTime(detail.closesAt)}
        </Text>
        <Text className={styles.text}>{detail.summary}</Text>
        <Text className={styles.muted}>依据：{detail.basis}</Text>
        <Text className={styles.muted}>发布：{detail.publisher}　联系：{detail.contact}</Text>
        {detail.status === 'upcoming' || detail.status === 'open' ? (
          <Pressable className={styles.secondary} pressed={detail.following} onPress={() => void toggleFollow()}>
            {detail.following ? '已订阅截止提醒（点此取消）' : '截止前一天提醒我'}
          </Pressable>
        ) : null}
      </View>

      <AttachmentList attachments={detail.attachments} />

      {detail.status === 'concluded' ? (
        <View className={styles.ok}>
          <Text className={styles.sectionTitle}>采纳情况已公布</Text>
          {detail.changeSummary ? <Text className={styles.text}>{detail.changeSummary}</Text> : null}
          {detail.resultNoticeId ? (
            <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(detail.resultNoticeId!) })}>
              查看采纳情况公告
            </Pressable>
          ) : null}
        </View>
      ) : null}
      {detail.status === 'concluded' ? <RatingBar targetType='consultation' targetId={detail.id} /> : null}

      {detail.staff ? (
        <View className={styles.actions}>
          <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.consultationAnswer(detail.id) })}>
            答复意见（工作人员）
          </Pressable>
          {moderator ? (
            <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.consultationModeration })}>
              意见审核
            </Pressable>
          ) : null}
        </View>
      ) : null}

      <View {...h5Attrs({ role: 'list', 'aria-label': '草案条款' })}>
        <View className={styles.list}>
          {detail.paragraphs.map((p) => {
            const label = paragraphLabel(p);
            return (
              <View key={p.id} className={cx(styles.paragraph, target === p.id && styles.paragraphOn)} {...h5Attrs({ role: 'listitem' })}>
                <View className={styles.paragraphHead}>
                  <Text>{label}</Text>
                  <Text>意见 {p.commentCount} 条</Text>
                </View>
                <Text className={styles.text}>{p.body}</Text>
                <Pressable className={styles.small} pressed={target === p.id} label={`${label}：查看意见或提意见`} onPress={() => choose(p.id)}>
                  {target === p.id ? '正在查看本条意见' : '查看意见 / 对本条提意见'}
                </Pressable>
              </View>
            );
          })}
        </View>
      </View>
      <Pressable className={styles.secondary} pressed={target === 0} onPress={() => choose(0)}>
        整体意见（{detail.generalCommentCount} 条）
      </Pressable>

      {notice ? (
        <Text className={styles.ok} {...h5Attrs({ role: 'status' })}>
          {notice}
        </Text>
      ) : null}
      <CommentForm
        detail={detail}
        target={target}
        onSent={(message) => {
          setNotice(message);
          setVersion((v) => v + 1);
          void load();
        }}
      />
      <ProxyCommentForm
        detail={detail}
        target={target}
        targetText={targetLabel(detail, target)}
        onSent={(message) => {
          setNotice(message);
          setVersion((v) => v + 1);
          void load();
        }}
      />
      <Comments detail={detail} target={target} version={version} />
      <View className={styles.footer} />
    </View>
  );
}

export default function ConsultationDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const p = Number(params.p);
  return (
    <PageRoot title='征求意见'>
      <SessionGate>
        <ConsultationDetail id={Number.isSafeInteger(id) && id > 0 ? id : null} initialTarget={Number.isSafeInteger(p) && p > 0 ? p : 0} />
      </SessionGate>
    </PageRoot>
  );
}
