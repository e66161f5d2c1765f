import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { CaseDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { RatingBar } from '../../../components/RatingBar';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { ROUTES } from '../../../lib/routes';
import { getCase } from '../../../services/cases';
import shared from '../shared/cases.module.scss';
import { CaseHeader, CorrectionBox, EventList, NewCaseBanner, NextStepBox, ResultBox, Timeline } from './CaseParts';
import { StaffActions } from './StaffActions';

function back() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: ROUTES.myCases });
}

/** One case: where it stands, what comes next and what to prepare, every step, the record; staff act on it here. */
function CaseDetail({ id, justOpened }: { id: number | null; justOpened: boolean }) {
  const [detail, setDetail] = useState<CaseDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!id) return;
    setError(null);
    try {
      setDetail(await getCase(id));
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);

  useEffect(() => {
    if (id) void load();
    else setError('找不到这件办件');
  }, [id, load]);
  const seen = useRef(false);
  // Back from a 公示 or the message centre: the case may have moved meanwhile.
  useDidShow(() => {
    if (seen.current) void load();
    seen.current = true;
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (error && !detail) return <ErrorState message={error} onRetry={id ? () => void load() : undefined} />;
  if (!detail) return <LoadingState text='正在加载办件进度…' />;

  return (
    <View className={shared.page}>
      {justOpened && detail.canManage ? <NewCaseBanner detail={detail} /> : null}
      <CaseHeader detail={detail} />
      <ResultBox detail={detail} />
      {detail.status === 'finished' && !detail.canManage ? <RatingBar targetType='case' targetId={detail.id} /> : null}
      <CorrectionBox detail={detail} />
      <StaffActions detail={detail} onChanged={setDetail} />
      <NextStepBox detail={detail} />
      <Timeline detail={detail} />
      <EventList events={detail.events} />
      <Pressable className={shared.secondary} onPress={back}>
        返回
      </Pressable>
      <View className={shared.footer} />
    </View>
  );
}

export default function CaseDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  return (
    <PageRoot title='办件进度'>
      <SessionGate>
        <CaseDetail id={valid ? id : null} justOpened={params.new === '1'} />
      </SessionGate>
    </PageRoot>
  );
}
