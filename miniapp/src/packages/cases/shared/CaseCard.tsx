import { Text, View } from '@tarojs/components';
import type { CaseSummaryDto } from '@sunboard/shared';
import { Pressable } from '../../../components/Pressable';
import { caseStatusBadge, currentStepLine, overdueText, PROVISIONAL_NOTE, stepDueLine } from '../../../lib/cases';
import { cx } from '../../../lib/cx';
import { CaseBadge } from './CaseBadge';
import styles from './cases.module.scss';

/**
 * A case in a list: status in words, what it is, the step being handled and when it is due.
 * Overdue: a red frame AND the words 已超期 N 个工作日. Staff also see the applicant and the region.
 */
export function CaseCard({ item, onOpen, forStaff = false }: { item: CaseSummaryDto; onOpen: (c: CaseSummaryDto) => void; forStaff?: boolean }) {
  const badge = caseStatusBadge(item);
  const step = item.currentStep;
  const late = overdueText(step);
  return (
    <Pressable className={cx(styles.card, late && styles.cardOverdue)} onPress={() => onOpen(item)}>
      <View className={styles.cardHead}>
        <CaseBadge text={badge.text} tone={badge.tone} />
        {late ? <CaseBadge text={late} tone='urgent' /> : null}
      </View>
      <Text className={styles.cardTitle}>{item.typeName}</Text>
      {forStaff ? (
        <View className={styles.cardMeta}>
          <Text>申请人：{item.applicantName}</Text>
          <Text>{item.region.name}</Text>
        </View>
      ) : null}
      <Text className={styles.cardLine}>{currentStepLine(item)}</Text>
      {step && item.status !== 'finished' ? (
        <Text className={late ? styles.overdue : styles.cardLine}>
          {item.status === 'correction' ? '等待补正材料' : stepDueLine(step)}
        </Text>
      ) : null}
      {step?.provisional ? <Text className={styles.provisional}>{PROVISIONAL_NOTE}</Text> : null}
      <View className={styles.cardMeta}>
        <Text>办件编号：{item.caseNo}</Text>
      </View>
    </Pressable>
  );
}
