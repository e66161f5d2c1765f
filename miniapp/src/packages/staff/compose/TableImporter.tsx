import { Text, View } from '@tarojs/components';
import { NOTICE_TABLE_LIMITS, type NoticeTableDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { InputField } from '../../../components/form/InputField';
import { NoticeTable } from '../../../components/NoticeTable';
import { Pressable } from '../../../components/Pressable';
import { describeError } from '../../../lib/api-error';
import { fileExtension } from '../../../lib/files';
import { pickChatFile, pickedFromFile } from '../../../services/pickers';
import { importNoticeTable, type PickedFile } from '../../../services/uploads';
import styles from './index.module.scss';

/**
 * 公示名单: an xlsx (header row + rows) from a chat (weapp) or a file input (h5) is imported by the
 * server, which masks ID, phone and bank columns and keeps no file; the preview shows exactly what
 * residents will see, masked columns marked 【已脱敏】.
 */
export function TableImporter({ table, onChange }: { table: NoticeTableDto | null; onChange: (t: NoticeTableDto | null) => void }) {
  const [title, setTitle] = useState(table?.title ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const importFile = async (picked: PickedFile) => {
    if (fileExtension(picked.name) !== 'xlsx') {
      setError('请选择 .xlsx 格式的 Excel 文件（旧的 .xls 请先另存为 .xlsx）');
      return;
    }
    if (picked.size && picked.size > NOTICE_TABLE_LIMITS.maxFileBytes) {
      setError(`Excel 文件不能超过 ${NOTICE_TABLE_LIMITS.maxFileBytes / 1024 / 1024} MB`);
      return;
    }
    setError(null);
    setProgress(0);
    try {
      onChange(await importNoticeTable(picked, title.trim() || undefined, setProgress));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setProgress(null);
    }
  };

  const fromChat = async () => {
    try {
      const picked = await pickChatFile(['xlsx']);
      if (picked) await importFile(picked);
    } catch (err) {
      setError(describeError(err));
    }
  };

  const chooseText = table ? '重新选择 Excel 文件' : '选择 Excel 文件（.xlsx）';
  return (
    <View className={styles.block}>
      <Text className={styles.hint}>
        第一行是表头（如：姓名、身份证号、联系电话、金额），最多 {NOTICE_TABLE_LIMITS.maxRows} 行。身份证号、电话、银行账号会自动脱敏，原文件不保存。
      </Text>
      <InputField id='table-title' label='名单标题' hint='选填，例如：2026年11月城乡低保对象名单' value={title} onChange={setTitle} maxLength={NOTICE_TABLE_LIMITS.maxTitleChars} />
      <View className={styles.buttons}>
        {process.env.TARO_ENV === 'h5' ? (
          <label className={styles.pickButton} htmlFor='compose-xlsx'>
            {chooseText}
            <input
              id='compose-xlsx'
              type='file'
              accept='.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              className='sb-visually-hidden'
              disabled={progress !== null}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(pickedFromFile(file));
              }}
            />
          </label>
        ) : (
          <Pressable className={styles.pickButton} disabled={progress !== null} onPress={() => void fromChat()}>
            {table ? '重新从聊天中选择' : '从微信聊天中选择 Excel 文件'}
          </Pressable>
        )}
        {table ? (
          <Pressable className={styles.pickButton} onPress={() => onChange(null)}>
            移除名单
          </Pressable>
        ) : null}
      </View>
      {progress !== null ? (
        <Text className={styles.hint} {...h5Attrs({ role: 'status' })}>
          正在导入并脱敏… {progress}%
        </Text>
      ) : null}
      {error ? (
        <Text className={styles.uploadFailed} {...h5Attrs({ role: 'alert' })}>
          导入失败：{error}
        </Text>
      ) : null}
      {table ? (
        <View className={styles.preview}>
          <Text className={styles.previewNote}>预览：居民看到的就是下面的样子</Text>
          <NoticeTable table={table} />
        </View>
      ) : null}
    </View>
  );
}
