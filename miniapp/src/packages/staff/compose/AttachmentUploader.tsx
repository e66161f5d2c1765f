import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AttachmentDto } from '@sunboard/shared';
import { useEffect, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { AttachmentThumb } from '../../../components/AttachmentList';
import { Pressable } from '../../../components/Pressable';
import { describeError } from '../../../lib/api-error';
import { documentLabel, formatFileSize, imageTooLarge, MAX_DOCUMENT_BYTES } from '../../../lib/files';
import { pickChatFile, pickedFromFile, pickPhotos } from '../../../services/pickers';
import { uploadAttachment, type PickedFile } from '../../../services/uploads';
import styles from './index.module.scss';

const MAX_ATTACHMENTS = 20;

interface Item {
  key: string;
  name: string;
  size?: number;
  /** A local preview (blob:/wxfile:) for photos picked now. */
  localPath?: string;
  kind: 'image' | 'document';
  state: 'uploading' | 'done' | 'failed';
  progress: number;
  error?: string;
  picked?: PickedFile;
  attachment?: AttachmentDto;
}

let seq = 0;
const fromAttachment = (a: AttachmentDto): Item => ({
  key: `a${a.id}`,
  name: a.name,
  size: a.size,
  kind: a.kind === 'image' ? 'image' : 'document',
  state: 'done',
  progress: 100,
  attachment: a,
});

/**
 * 照片和附件: photos from the camera or the album and PDF files, each uploaded at once with its
 * progress in words; failed ones can be retried or removed. Reports the uploaded ids in order.
 */
export function AttachmentUploader({ initial, onChange, onBusyChange }: { initial: AttachmentDto[]; onChange: (ids: number[]) => void; onBusyChange: (busy: boolean) => void }) {
  const [items, setItems] = useState<Item[]>(() => initial.map(fromAttachment));
  const itemsRef = useRef(items);
  itemsRef.current = items;

  useEffect(() => {
    onChange(items.filter((i) => i.state === 'done' && i.attachment).map((i) => i.attachment!.id));
    onBusyChange(items.some((i) => i.state === 'uploading'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);

  const patch = (key: string, change: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = async (item: Item) => {
    patch(item.key, { state: 'uploading', progress: 0, error: undefined });
    try {
      const attachment = await uploadAttachment(item.picked!, (p) => patch(item.key, { progress: p }));
      patch(item.key, { state: 'done', progress: 100, attachment });
    } catch (err) {
      patch(item.key, { state: 'failed', error: describeError(err) });
    }
  };

  const add = (picked: PickedFile[], kind: Item['kind']) => {
    const room = MAX_ATTACHMENTS - itemsRef.current.length;
    if (room <= 0) {
      void Taro.showToast({ title: `附件最多 ${MAX_ATTACHMENTS} 个`, icon: 'none' });
      return;
    }
    const fresh: Item[] = picked.slice(0, room).map((p) => {
      const tooBig = kind === 'image' ? imageTooLarge(p.size) : p.size && p.size > MAX_DOCUMENT_BYTES ? '文件不能超过 20 MB' : null;
      return { key: `n${++seq}`, name: p.name, size: p.size, localPath: kind === 'image' ? p.path : undefined, kind, state: tooBig ? 'failed' : 'uploading', progress: 0, error: tooBig ?? undefined, picked: p };
    });
    setItems((list) => [...list, ...fresh]);
    // One at a time keeps a weak phone connection usable.
    void (async () => {
      for (const item of fresh) if (item.state === 'uploading') await start(item);
    })();
  };

  const choosePhotos = async (source: 'camera' | 'album') => {
    try {
      const picked = await pickPhotos(source, MAX_ATTACHMENTS - itemsRef.current.length);
      if (picked.length) add(picked, 'image');
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none' });
    }
  };

  const choosePdfFromChat = async () => {
    try {
      const picked = await pickChatFile(['pdf']);
      if (picked) add([picked], 'document');
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none' });
    }
  };

  const uploading = items.filter((i) => i.state === 'uploading').length;
  return (
    <View className={styles.block}>
      <View className={styles.buttons}>
        <Pressable className={styles.pickButton} onPress={() => void choosePhotos('camera')}>
          拍照
        </Pressable>
        <Pressable className={styles.pickButton} onPress={() => void choosePhotos('album')}>
          从相册选择
        </Pressable>
        {process.env.TARO_ENV === 'h5' ? (
          <label className={styles.pickButton} htmlFor='compose-pdf'>
            添加 PDF 文件
            <input
              id='compose-pdf'
              type='file'
              accept='.pdf,application/pdf'
              className='sb-visually-hidden'
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) add([pickedFromFile(file)], 'document');
              }}
            />
          </label>
        ) : (
          <Pressable className={styles.pickButton} onPress={() => void choosePdfFromChat()}>
            从聊天中选 PDF
          </Pressable>
        )}
      </View>
      <Text className={styles.hint}>照片不超过 10 MB，会自动去掉拍摄地点等信息；PDF 不超过 20 MB。</Text>
      {uploading ? (
        <Text className={styles.hint} {...h5Attrs({ role: 'status' })}>
          正在上传 {uploading} 个文件，请稍候…
        </Text>
      ) : null}
      {items.length ? (
        <View className={styles.uploads} {...h5Attrs({ role: 'list', 'aria-label': '已添加的照片和附件' })}>
          {items.map((i) => (
            <View key={i.key} className={styles.upload} {...h5Attrs({ role: 'listitem' })}>
              <View className={styles.uploadThumb}>
                {i.kind === 'image' && i.localPath ? (
                  process.env.TARO_ENV === 'h5' ? (
                    <img className={styles.uploadImg} src={i.localPath} alt={i.name} />
                  ) : (
                    <Image className={styles.uploadImg} src={i.localPath} mode='aspectFill' />
                  )
                ) : i.kind === 'image' && i.attachment ? (
                  <AttachmentThumb attachment={i.attachment} authed alt={i.name} />
                ) : (
                  <Text className={styles.docIcon}>{i.attachment ? documentLabel(i.attachment.kind) : '文件'}</Text>
                )}
              </View>
              <View className={styles.uploadTexts}>
                <Text className={styles.uploadName}>{i.name}</Text>
                <Text className={i.state === 'failed' ? styles.uploadFailed : styles.uploadState}>
                  {i.state === 'uploading' ? `上传中 ${i.progress}%` : i.state === 'done' ? `已上传${i.size ? `（${formatFileSize(i.size)}）` : ''}` : `上传失败：${i.error ?? ''}`}
                </Text>
                {i.state === 'uploading' ? (
                  <View className={styles.progress} {...h5Attrs({ role: 'progressbar', 'aria-valuenow': i.progress, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': `${i.name} 上传进度` })}>
                    <View className={styles.progressFill} style={{ width: `${i.progress}%` }} />
                  </View>
                ) : null}
              </View>
              <View className={styles.uploadActions}>
                {i.state === 'failed' && i.picked && !imageTooLarge(i.size) ? (
                  <Pressable className={styles.smallButton} label={`重试上传 ${i.name}`} onPress={() => void start(i)}>
                    重试
                  </Pressable>
                ) : null}
                {i.state !== 'uploading' ? (
                  <Pressable className={styles.smallButton} label={`移除 ${i.name}`} onPress={() => setItems((list) => list.filter((x) => x.key !== i.key))}>
                    移除
                  </Pressable>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
