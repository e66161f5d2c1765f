import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttachmentKind } from '@sunboard/shared';

/**
 * An uploaded image, PDF or xlsx. Files live in storage under generated keys (never the user's
 * file name); for images `storageKey` is the original re-encoded without metadata, `displayKey` and
 * `thumbKey` the resized copies. Unattached (`noticeId` null) it is visible to its owner only.
 */
@Entity({ name: 'attachment' })
export class Attachment {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @Column({ name: 'notice_id', type: 'integer', nullable: true })
  noticeId: number | null;

  /** Set when attached to a case's progress (then readable by the applicant and the staff covering the case). */
  @Column({ name: 'case_id', type: 'integer', nullable: true })
  caseId: number | null;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind: AttachmentKind;

  /** The cleaned file name, for display and downloads. */
  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'mime', type: 'varchar', length: 100 })
  mime: string;

  /** Bytes of the stored file (`storageKey`). */
  @Column({ name: 'size', type: 'integer' })
  size: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ name: 'display_key', type: 'varchar', length: 200, nullable: true })
  displayKey: string | null;

  @Column({ name: 'thumb_key', type: 'varchar', length: 200, nullable: true })
  thumbKey: string | null;

  @Column({ name: 'width', type: 'integer', nullable: true })
  width: number | null;

  @Column({ name: 'height', type: 'integer', nullable: true })
  height: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
