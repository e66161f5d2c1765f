import { CASE_RESULT_LABELS, type CaseResult } from '@sunboard/shared';

/** The page a case message opens. */
export const casePage = (caseId: number) => `packages/cases/detail/index?id=${caseId}`;

/** What comes next, for the 一次告知 line of a reminder. */
export interface NextStepInfo {
  name: string;
  prepare: string;
  expectedOn: string;
  provisional: boolean;
}

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function nextLine(next: NextStepInfo | null): string {
  if (!next) return '';
  const when = `预计${zhDate(next.expectedOn)}前完成${next.provisional ? '（节假日安排尚未公布，为估算日期）' : ''}`;
  return `下一步「${next.name}」，${when}。${next.prepare ? `请准备：${next.prepare}` : ''}`;
}

/** A reminder to the applicant: a title, the message-centre text, and the short note for WeChat. */
export interface CaseReminderText {
  title: string;
  body: string;
  /** The WeChat template's note field (fitted to 20 characters by the template fitter). */
  note: string;
  /** The WeChat template's step field (a phrase of ≤ 5 characters after fitting). */
  step: string;
}

export function openedText(typeName: string, caseNo: string, next: NextStepInfo | null): CaseReminderText {
  return {
    title: `${typeName}已受理`,
    body: `您的${typeName}已登记受理，办件编号 ${caseNo}。${nextLine(next)}`,
    note: next ? `下一步${next.name}` : '已受理',
    step: '已受理',
  };
}

export function progressText(typeName: string, stepName: string, note: string, next: NextStepInfo | null): CaseReminderText {
  return {
    title: `${typeName}：「${stepName}」已完成`,
    body: `您的${typeName}已完成「${stepName}」。办理说明：${note}。${nextLine(next)}`,
    note: next ? `下一步${next.name}` : note,
    step: stepName,
  };
}

export function noteText(typeName: string, stepName: string, note: string): CaseReminderText {
  return { title: `${typeName}：「${stepName}」有新进展`, body: `您的${typeName}在「${stepName}」环节有新的办理记录：${note}`, note, step: stepName };
}

export function correctionText(typeName: string, materials: string[], dueOn: string, note: string | null): CaseReminderText {
  return {
    title: `${typeName}需要补正材料`,
    body: `您的${typeName}需要补正以下材料：${materials.join('、')}。请在${zhDate(dueOn)}前送到受理窗口或交给网格员。${note ?? ''}`,
    note: `请于${zhDate(dueOn)}前补正`,
    step: '待补正',
  };
}

export function resumedText(typeName: string, stepName: string, next: NextStepInfo | null): CaseReminderText {
  return {
    title: `${typeName}：补正材料已收到`,
    body: `您补正的材料已收到，「${stepName}」继续办理。${next ? `预计${zhDate(next.expectedOn)}前完成${next.provisional ? '（估算）' : ''}。` : ''}`,
    note: '补正材料已收到',
    step: stepName,
  };
}

export function finishedText(typeName: string, result: CaseResult, reason: string | null): CaseReminderText {
  const label = CASE_RESULT_LABELS[result];
  return {
    title: `${typeName}已办结：${label}`,
    body: `您的${typeName}已办结，结果：${label}。${reason ? `理由：${reason}` : ''}${result === 'rejected' ? '如有异议，可向街道（乡镇）申请复核。' : ''}`,
    note: reason ?? label,
    step: '已办结',
  };
}

export { zhDate };
