import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RATING_COMMENT_MAX_CHARS, type RatingDto, type RatingLevel, type RatingSummaryDto, type RatingTag, type RatingTargetType } from '@sunboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { describeError, fieldIssues } from '../../lib/api-error';
import { cx } from '../../lib/cx';
import { ROUTES } from '../../lib/routes';
import { getRatingSummary, rate } from '../../services/ratings';
import { h5Attrs } from '../a11y';
import { ChipsField } from '../form/ChipsField';
import { TextAreaField } from '../form/TextAreaField';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';
import {
  BAD_LEVEL_NOTE,
  LEVEL_CHOICES,
  MAX_TAGS,
  barTitle,
  canChange,
  changeableText,
  commentHint,
  keepTags,
  levelLabel,
  residentFollowupLine,
  summaryLine,
  tagOptions,
  tagWords,
  validateRatingForm,
  type RatingFormErrors,
} from './rating-text';

export interface RatingBarProps {
  targetType: RatingTargetType;
  targetId: number;
  /** A notice's kind label (办事指南 gets its own title). */
  kindLabel?: string;
}

/** My rating as it stands: the level in words, tags, comment, until when it may change, the follow-up. */
function MyRating({ mine, onEdit }: { mine: RatingDto; onEdit: () => void }) {
  const changeable = canChange(mine.changeableUntil, Date.now());
  return (
    <View className={styles.mine}>
      <Text className={styles.mineLevel}>我的评价：{levelLabel(mine.level)}</Text>
      {mine.tags.length ? <Text className={styles.text}>标签：{tagWords(mine.tags)}</Text> : null}
      {mine.comment ? <Text className={styles.text}>内容：{mine.comment}</Text> : null}
      {mine.commentHeld ? <Text className={styles.muted}>评价内容正在审核，审核前只有工作人员能看到。</Text> : null}
      <Text className={styles.muted}>{changeableText(mine.changeableUntil, Date.now())}</Text>
      {mine.followup ? (
        <View className={styles.followup}>
          <Text className={styles.followupText}>回访进度：{residentFollowupLine(mine.followup)}</Text>
          <Pressable className={styles.secondary} onPress={() => void Taro.navigateTo({ url: ROUTES.myRatings(mine.id) })}>
            {mine.followup.status === 'replied' ? '查看答复并确认' : '查看回访进度'}
          </Pressable>
        </View>
      ) : null}
      {changeable ? (
        <Pressable className={styles.secondary} onPress={onEdit}>
          修改评价
        </Pressable>
      ) : null}
    </View>
  );
}

/** The form: five levels in words, tags that fit the level, an optional comment, errors in words. */
function RatingForm(props: {
  targetType: RatingTargetType;
  targetId: number;
  initial: RatingDto | null;
  onSaved: (r: RatingDto) => void;
  onCancel?: () => void;
}) {
  const { targetType, targetId, initial, onSaved, onCancel } = props;
  const idBase = `rating-${targetType}-${targetId}`;
  const [level, setLevel] = useState<RatingLevel | null>(initial?.level ?? null);
  const [tags, setTags] = useState<RatingTag[]>(initial?.tags ?? []);
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [errors, setErrors] = useState<RatingFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = LEVEL_CHOICES.find((c) => c.level === level);

  const choose = (next: RatingLevel) => {
    setLevel(next);
    setTags((t) => keepTags(t, next));
    setErrors((e) => ({ ...e, level: undefined }));
  };
  const submit = async () => {
    const checked = validateRatingForm({ level, tags, comment }, { targetType, targetId });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      onSaved(await rate(checked.input));
    } catch (err) {
      const issues = fieldIssues(err);
      const byField: RatingFormErrors = {};
      for (const i of issues) {
        const field = String(i.path ?? '').split('.')[0];
        if (field === 'level' || field === 'tags' || field === 'comment') byField[field] = i.reason;
      }
      setErrors(byField);
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={styles.form}>
      <View className={styles.field} {...h5Attrs({ role: 'group', 'aria-labelledby': `${idBase}-level-label` })}>
        <Text id={`${idBase}-level-label`} className={styles.label}>
          满意程度
        </Text>
        <View className={styles.levels}>
          {LEVEL_CHOICES.map((c) => (
            <Pressable key={c.level} className={cx(styles.level, level === c.level && styles.levelOn, level === c.level && c.bad && styles.levelBad)} pressed={level === c.level} onPress={() => choose(c.level)}>
              {level === c.level ? `✓ ${c.label}` : c.label}
            </Pressable>
          ))}
        </View>
        {errors.level ? (
          <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
            {errors.level}
          </Text>
        ) : null}
        {chosen?.bad ? <Text className={styles.note}>{BAD_LEVEL_NOTE}</Text> : null}
      </View>
      {level !== null ? (
        <ChipsField
          id={`${idBase}-tags`}
          label='选择标签（选填）'
          hint={`最多选 ${MAX_TAGS} 个`}
          options={tagOptions(level)}
          values={tags}
          onChange={(v) => setTags(v as RatingTag[])}
          error={errors.tags}
        />
      ) : null}
      <TextAreaField
        id={`${idBase}-comment`}
        label='评价内容'
        value={comment}
        onChange={setComment}
        hint={commentHint(comment)}
        placeholder={chosen?.bad ? '请说说哪里不满意，方便工作人员核实和改进' : '说说您的感受和建议（选填）'}
        maxLength={RATING_COMMENT_MAX_CHARS + 20}
        short
        error={errors.comment}
      />
      {failure ? (
        <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
          {failure}
        </Text>
      ) : null}
      <View className={styles.actions}>
        <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
          {busy ? '正在提交…' : initial ? '保存修改' : '提交评价'}
        </Pressable>
        {onCancel ? (
          <Pressable className={styles.secondary} disabled={busy} onPress={onCancel}>
            取消修改
          </Pressable>
        ) : null}
      </View>
    </View>
  );
}

/**
 * 好差评 on a notice, 办事指南, finished case or concluded consultation: the 满意率 so far, my own rating
 * (with until when I may change it and the follow-up of a 差评), or the form; 暂不能评价 and why
 * when the target cannot be rated yet.
 */
export function RatingBar({ targetType, targetId, kindLabel }: RatingBarProps) {
  const [summary, setSummary] = useState<RatingSummaryDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [thanks, setThanks] = useState<string | null>(null);
  const title = barTitle(targetType, kindLabel);

  const load = useCallback(async () => {
    setError(null);
    try {
      setSummary(await getRatingSummary(targetType, targetId));
    } catch (err) {
      setError(describeError(err));
    }
  }, [targetType, targetId]);
  useEffect(() => {
    void load();
  }, [load]);

  const saved = (r: RatingDto) => {
    setEditing(false);
    setSummary((s) => (s ? { ...s, mine: r } : s));
    setThanks(r.followup ? `已收到您的评价。${residentFollowupLine(r.followup)}。` : '感谢您的评价！');
    void load();
  };

  let body;
  if (error && !summary) {
    body = (
      <View className={styles.form}>
        <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
          评价加载失败：{error}
        </Text>
        <Pressable className={styles.secondary} onPress={() => void load()}>
          重新加载评价
        </Pressable>
      </View>
    );
  } else if (!summary) {
    body = (
      <Text className={styles.muted} {...h5Attrs({ role: 'status' })}>
        正在加载评价…
      </Text>
    );
  } else if (summary.mine && !editing) {
    body = <MyRating mine={summary.mine} onEdit={() => setEditing(true)} />;
  } else if (!summary.rateable && !summary.mine) {
    body = <Text className={styles.unavailable}>暂不能评价：{summary.notRateableReason ?? '现在还不能评价'}</Text>;
  } else {
    body = (
      <RatingForm
        targetType={targetType}
        targetId={targetId}
        initial={editing ? summary.mine : null}
        onSaved={saved}
        onCancel={editing ? () => setEditing(false) : undefined}
      />
    );
  }

  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': title })}>
      <Text className={styles.title}>{title}</Text>
      {summary ? <Text className={styles.summary}>{summaryLine(summary)}</Text> : null}
      {thanks ? (
        <Text className={styles.thanks} {...h5Attrs({ role: 'status' })}>
          {thanks}
        </Text>
      ) : null}
      {body}
    </View>
  );
}
