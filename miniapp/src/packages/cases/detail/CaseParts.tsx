import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CASE_RESULT_LABELS, ROLE_LABELS, type CaseDetailDto, type CaseEventDto, type CaseStepDto } from '@sunboard/shared';
import { h5Attrs } from '../../../components/a11y';
import { AttachmentList } from '../../../components/AttachmentList';
import { Pressable } from '../../../components/Pressable';
import { caseStatusBadge, dueText, eventTitle, formatDay, overdueText, prepareLines, PROVISIONAL_NOTE, spacedCaseNo, stepDateLines, stepStateText, stepTone } from '../../../lib/cases';
import { cx } from '../../../lib/cx';
import { formatDateTime } from '../../../lib/format';
import { ROUTES } from '../../../lib/routes';
import { CaseBadge } from '../shared/CaseBadge';
import shared from '../shared/cases.module.scss';
import styles from './index.module.scss';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

export function copyCaseNo(caseNo: string): void {
  void Taro.setClipboardData({ data: caseNo })
    .then(() => toast('办件编号已复制'))
    .catch(() => toast('复制失败，请长按编号抄写'));
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className={styles.fact}>
      <Text className={styles.factLabel}>{label}</Text>
      <Text className={styles.factValue}>{value}</Text>
    </View>
  );
}

/** Just opened by staff: the number to write on the receipt, large, with a copy button. */
export function NewCaseBanner({ detail }: { detail: CaseDetailDto }) {
  return (
    <View className={styles.caseNoBox} {...h5Attrs({ role: 'region', 'aria-label': '办件已登记' })}>
      <Text className={styles.caseNoLabel}>办件已登记，请把办件编号写在受理回执上</Text>
      <Text className={styles.caseNoBig} {...h5Attrs({ 'aria-label': `办件编号 ${detail.caseNo.split('').join(' ')}` })}>
        {spacedCaseNo(detail.caseNo)}
      </Text>
      <Text className={shared.muted}>
        {detail.applicant.linked ? '已关联申请人的账号，申请人会收到每一步的提醒。' : '申请人凭办件编号、姓名和手机号后四位在“我的办件”中认领后，就能查看进度、收到提醒。'}
      </Text>
      <Pressable className={shared.secondary} onPress={() => copyCaseNo(detail.caseNo)}>
        复制办件编号
      </Pressable>
    </View>
  );
}

/** What it is, its number, where, who applied (numbers masked) and its status. */
export function CaseHeader({ detail }: { detail: CaseDetailDto }) {
  const badge = caseStatusBadge(detail);
  const late = overdueText(detail.currentStep);
  return (
    <View className={shared.section} {...h5Attrs({ role: 'region', 'aria-label': '办件信息' })}>
      <View className={shared.cardHead}>
        <CaseBadge text={badge.text} tone={badge.tone} />
        {late ? <CaseBadge text={late} tone='urgent' /> : null}
      </View>
      <Text className={styles.heading} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
        {detail.typeName}
      </Text>
      <View className={styles.facts}>
        <Fact label='办件编号' value={detail.caseNo} />
        <Fact label='办理地点' value={detail.region.name} />
        <Fact label='申请人' value={detail.applicant.name} />
        <Fact label='手机号码' value={detail.applicant.phoneMasked} />
        {detail.applicant.idNumberMasked ? <Fact label='身份证号' value={detail.applicant.idNumberMasked} /> : null}
        <Fact label='登记时间' value={formatDateTime(detail.openedAt)} />
        {detail.canManage ? <Fact label='申请人账号' value={detail.applicant.linked ? '已关联（会收到提醒）' : '尚未认领'} /> : null}
      </View>
      <Pressable className={shared.secondary} label={`复制办件编号 ${detail.caseNo}`} onPress={() => copyCaseNo(detail.caseNo)}>
        复制办件编号
      </Pressable>
    </View>
  );
}

/** The result once finished, and why (always said for a refusal). */
export function ResultBox({ detail }: { detail: CaseDetailDto }) {
  if (detail.status !== 'finished' || !detail.result) return null;
  const approved = detail.result === 'approved';
  return (
    <View className={cx(styles.result, approved ? styles.resultOk : styles.resultNo)} {...h5Attrs({ role: 'region', 'aria-label': '办理结果' })}>
      <Text className={shared.muted}>办理结果</Text>
      <Text className={styles.resultTitle}>{CASE_RESULT_LABELS[detail.result]}</Text>
      {detail.resultReason ? <Text className={shared.text}>{approved ? '说明' : '理由'}：{detail.resultReason}</Text> : null}
      {detail.finishedAt ? <Text className={shared.muted}>办结时间：{formatDateTime(detail.finishedAt)}</Text> : null}
    </View>
  );
}

/** 补正: which materials are missing and by when. */
export function CorrectionBox({ detail }: { detail: CaseDetailDto }) {
  if (detail.status !== 'correction' || !detail.correction) return null;
  const c = detail.correction;
  return (
    <View className={styles.correction} {...h5Attrs({ role: 'region', 'aria-label': '需要补正材料' })}>
      <Text className={styles.correctionTitle}>需要补正材料</Text>
      <Text className={shared.text}>请在 {formatDay(c.dueOn)}前 把以下材料送到{detail.region.name}：</Text>
      <View className={shared.bullets} {...h5Attrs({ role: 'list', 'aria-label': '需要补正的材料' })}>
        {c.materials.map((m, i) => (
          <Text key={i} className={shared.bullet} {...h5Attrs({ role: 'listitem' })}>
            {i + 1}. {m}
          </Text>
        ))}
      </View>
      <Text className={shared.muted}>通知时间：{formatDateTime(c.requestedAt)}。材料收到后，本环节继续办理。</Text>
    </View>
  );
}

/** 一次告知: the step being handled, what comes next, when, and what to prepare for it. */
export function NextStepBox({ detail }: { detail: CaseDetailDto }) {
  if (detail.status === 'finished') return null;
  const active = detail.steps.find((s) => s.state === 'active') ?? null;
  const next = detail.nextStep;
  const provisional = !!active?.due?.provisional || !!next?.provisional;
  const activePrepare = active ? prepareLines(active.prepare) : [];
  const nextPrepare = next ? prepareLines(next.prepare) : [];
  return (
    <View className={shared.section} {...h5Attrs({ role: 'region', 'aria-label': '下一步' })}>
      <Text className={shared.sectionTitle} {...h5Attrs({ role: 'heading', 'aria-level': 2 })}>
        下一步
      </Text>
      {active ? (
        <Text className={shared.text}>
          当前环节：{active.name}
          {detail.status === 'correction' ? '（等待补正材料）' : active.due ? `，${dueText(active.due)}办结` : ''}
        </Text>
      ) : null}
      {active && overdueText(active.due) ? <Text className={shared.overdue}>本环节{overdueText(active.due)}</Text> : null}
      {activePrepare.length ? (
        <>
          <Text className={shared.muted}>本环节需要您准备：</Text>
          <View className={shared.bullets}>
            {activePrepare.map((p, i) => (
              <Text key={i} className={shared.bullet}>
                · {p}
              </Text>
            ))}
          </View>
        </>
      ) : null}
      {next ? (
        <>
          <Text className={shared.text}>
            下一环节：{next.name}，预计 {formatDay(next.expectedOn)}前完成
          </Text>
          {nextPrepare.length ? (
            <>
              <Text className={shared.muted}>下一环节需要准备：</Text>
              <View className={shared.bullets}>
                {nextPrepare.map((p, i) => (
                  <Text key={i} className={shared.bullet}>
                    · {p}
                  </Text>
                ))}
              </View>
            </>
          ) : (
            <Text className={shared.muted}>下一环节不需要您另外准备材料。</Text>
          )}
        </>
      ) : active ? (
        <Text className={shared.muted}>这是最后一个环节，办结后会通知您结果。</Text>
      ) : null}
      {provisional ? <Text className={shared.provisional}>{PROVISIONAL_NOTE}</Text> : null}
      <Text className={shared.muted}>期限按工作日计算，已扣除周末和法定节假日，调休上班日照常计算。</Text>
    </View>
  );
}

function Step({ step, last, correction }: { step: CaseStepDto; last: boolean; correction: boolean }) {
  const tone = stepTone(step);
  const late = !!step.due?.overdue && step.state === 'active';
  const prepare = step.state === 'pending' || step.state === 'active' ? prepareLines(step.prepare) : [];
  return (
    <View className={styles.step} {...h5Attrs({ role: 'listitem', 'aria-current': step.state === 'active' ? 'step' : undefined })}>
      <View className={styles.rail} {...h5Attrs({ 'aria-hidden': 'true' })}>
        <View className={cx(styles.dot, step.state === 'done' && styles.dotDone, step.state === 'active' && (late ? styles.dotLate : styles.dotActive))}>
          {step.state === 'done' ? '✓' : String(step.position)}
        </View>
        {!last ? <View className={cx(styles.line, step.state === 'done' && styles.lineDone)} /> : null}
      </View>
      <View className={cx(styles.stepBody, step.state === 'active' && styles.stepActive)}>
        <View className={styles.stepHead}>
          <Text className={styles.stepName}>
            {step.position}. {step.name}
          </Text>
          <CaseBadge text={correction && step.state === 'active' ? '等待补正' : stepStateText(step)} tone={correction && step.state === 'active' ? 'warn' : tone} />
        </View>
        <Text className={styles.stepLine}>负责：{ROLE_LABELS[step.role] ?? step.role}</Text>
        {stepDateLines(step).map((l) => (
          <Text key={l} className={styles.stepLine}>
            {l}
          </Text>
        ))}
        {step.state === 'active' && step.due?.provisional ? <Text className={shared.provisional}>{PROVISIONAL_NOTE}</Text> : null}
        {prepare.length ? <Text className={styles.prepare}>需要准备：{prepare.join('；')}</Text> : null}
        {step.notice ? (
          <Pressable className={styles.link} label={`查看公示：${step.notice.title}`} onPress={() => void Taro.navigateTo({ url: ROUTES.noticeDetail(step.notice!.id) })}>
            查看公示：{step.notice.title} ›
          </Pressable>
        ) : step.publicity && step.state !== 'done' ? (
          <Text className={styles.stepLine}>公示发布后，会在这里显示公示链接。</Text>
        ) : null}
      </View>
    </View>
  );
}

/** Every step with its state in words, dates and due date. */
export function Timeline({ detail }: { detail: CaseDetailDto }) {
  return (
    <View className={shared.section} {...h5Attrs({ role: 'region', 'aria-label': '办理环节' })}>
      <Text className={shared.sectionTitle} {...h5Attrs({ role: 'heading', 'aria-level': 2 })}>
        办理环节（共 {detail.steps.length} 步）
      </Text>
      <View className={styles.timeline} {...h5Attrs({ role: 'list', 'aria-label': '办理环节' })}>
        {detail.steps.map((s, i) => (
          <Step key={s.position} step={s} last={i === detail.steps.length - 1} correction={detail.status === 'correction'} />
        ))}
      </View>
    </View>
  );
}

function EventItem({ event }: { event: CaseEventDto }) {
  const who = event.actor ? (event.actor.displayName || ROLE_LABELS[event.actor.role as keyof typeof ROLE_LABELS] || event.actor.role) : '系统';
  return (
    <View className={styles.event} {...h5Attrs({ role: 'listitem' })}>
      <Text className={styles.eventTitle}>{eventTitle(event)}</Text>
      <Text className={shared.muted}>
        {formatDateTime(event.createdAt)} · {who}
      </Text>
      {event.result ? <Text className={shared.text}>结果：{CASE_RESULT_LABELS[event.result]}</Text> : null}
      {event.note ? <Text className={shared.text}>{event.note}</Text> : null}
      {event.materials?.length ? <Text className={shared.text}>需补正：{event.materials.join('、')}</Text> : null}
      {event.dueOn ? <Text className={shared.text}>截止日期：{formatDay(event.dueOn)}</Text> : null}
      {event.attachment ? <AttachmentList attachments={[event.attachment]} authed /> : null}
    </View>
  );
}

/** 办理记录, newest first. */
export function EventList({ events }: { events: CaseEventDto[] }) {
  if (!events.length) return null;
  return (
    <View className={shared.section} {...h5Attrs({ role: 'region', 'aria-label': '办理记录' })}>
      <Text className={shared.sectionTitle} {...h5Attrs({ role: 'heading', 'aria-level': 2 })}>
        办理记录
      </Text>
      <View {...h5Attrs({ role: 'list', 'aria-label': '办理记录（最新的在前）' })}>
        {events.map((e) => (
          <EventItem key={e.id} event={e} />
        ))}
      </View>
    </View>
  );
}
